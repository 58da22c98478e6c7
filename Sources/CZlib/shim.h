// zlib for GZIP staging inputs. inflateInit2 is a macro (it passes the library version and the
// stream's size), so it gets a non-macro wrapper; everything else imports as is.
#ifndef SPARKIFY_CZLIB_SHIM_H
#define SPARKIFY_CZLIB_SHIM_H
#include <zlib.h>

static inline int sparkify_inflateInit2(z_streamp stream, int windowBits) {
    return inflateInit2(stream, windowBits);
}
#endif
