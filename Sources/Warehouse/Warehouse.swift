// The Warehouse module: libpq connection, schema model, dialects, loaders, transforms, counts, checks.
import CLibPQ
import Config
