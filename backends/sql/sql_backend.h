/*
 * sql_backend.h — the SQL backend (SQLite and MariaDB engines behind one implementation).
 * URLs: see sql_url.h. docs/mapistore.md describes the schema and the blob store.
 */
#ifndef SAMBEX_SQL_BACKEND_H
#define SAMBEX_SQL_BACKEND_H

#include "mapistore.h"

extern const struct mapistore_backend_vfuncs sql_backend_sqlite_vfuncs;
extern const struct mapistore_backend_vfuncs sql_backend_mariadb_vfuncs;

/* Registers both engines' tables with mapistore. Returns mapistore_backend_register's status. */
uint32_t sql_backend_register(void);

#endif
