// libpq is plain C and imports as is; this header only pins its location on Debian.
#ifndef SPARKIFY_CLIBPQ_SHIM_H
#define SPARKIFY_CLIBPQ_SHIM_H
#include <postgresql/libpq-fe.h>
#endif
