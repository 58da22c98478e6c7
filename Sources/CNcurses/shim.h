// ncurses exposes attributes, ACS characters and the screen size as macros and mutable globals that
// Swift 6 cannot use: these accessors are the whole shim.
#ifndef SPARKIFY_CNCURSES_SHIM_H
#define SPARKIFY_CNCURSES_SHIM_H
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <ncursesw/ncurses.h>

#include <stdio.h>

static inline WINDOW *sparkify_stdscr(void) { return stdscr; }
static inline FILE *sparkify_stdin(void) { return stdin; }
static inline FILE *sparkify_stdout(void) { return stdout; }
static inline int sparkify_lines(void) { return LINES; }
static inline int sparkify_cols(void) { return COLS; }
static inline attr_t sparkify_a_bold(void) { return A_BOLD; }
static inline attr_t sparkify_a_reverse(void) { return A_REVERSE; }
static inline attr_t sparkify_a_dim(void) { return A_DIM; }
#endif
