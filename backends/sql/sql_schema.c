/*
 * sql_schema.c — the SQL schema and its forward migrations. Each migration is an ordered list of
 * statements; schema_version records the highest one applied. Statements are idempotent
 * (IF NOT EXISTS), so a migration cut short by a crash is simply run again. "{BLOB}" stands for
 * the engine's type of large byte strings. docs/mapistore.md describes the tables.
 */
#include <string.h>

#include "sql_private.h"

static const char *const migration_1[] = {
	"CREATE TABLE IF NOT EXISTS counters (mailbox BIGINT NOT NULL, ctr INT NOT NULL, "
	"next_value BIGINT NOT NULL, PRIMARY KEY (mailbox, ctr))",
	"CREATE TABLE IF NOT EXISTS mailboxes (id BIGINT NOT NULL PRIMARY KEY, owner VARBINARY(255) NOT NULL, "
	"guid VARBINARY(16) NOT NULL, locale VARBINARY(16) NOT NULL)",
	"CREATE UNIQUE INDEX IF NOT EXISTS mailboxes_owner ON mailboxes (owner)",
	"CREATE TABLE IF NOT EXISTS objects (mailbox BIGINT NOT NULL, id BIGINT NOT NULL, parent BIGINT NOT NULL, "
	"kind INT NOT NULL, flags BIGINT NOT NULL, cn BIGINT NOT NULL, num BIGINT NOT NULL, PRIMARY KEY (mailbox, id))",
	"CREATE INDEX IF NOT EXISTS objects_parent ON objects (mailbox, parent, kind)",
	"CREATE TABLE IF NOT EXISTS props (mailbox BIGINT NOT NULL, id BIGINT NOT NULL, tag BIGINT NOT NULL, "
	"val {BLOB}, blob_hash VARBINARY(32), PRIMARY KEY (mailbox, id, tag))",
	"CREATE TABLE IF NOT EXISTS namedprops (mailbox BIGINT NOT NULL, propid INT NOT NULL, "
	"guid VARBINARY(16) NOT NULL, kind INT NOT NULL, lid BIGINT NOT NULL, name VARBINARY(255) NOT NULL, "
	"PRIMARY KEY (mailbox, propid))",
	"CREATE UNIQUE INDEX IF NOT EXISTS namedprops_name ON namedprops (mailbox, guid, kind, lid, name)",
	"CREATE TABLE IF NOT EXISTS blobs (hash VARBINARY(32) NOT NULL PRIMARY KEY, refs BIGINT NOT NULL, "
	"raw_size BIGINT NOT NULL, stored_size BIGINT NOT NULL)",
	NULL,
};

/* Version 2: the blob column is looked up by fsck and dereferencing. */
static const char *const migration_2[] = {
	"CREATE INDEX IF NOT EXISTS props_blob ON props (blob_hash)",
	NULL,
};

/* Version 3: read-state change numbers (MS-OXCFXICS 2.2.1.1.4 tracks read changes by CN). */
static const char *const migration_3[] = {
	"ALTER TABLE objects ADD COLUMN {IF_NOT_EXISTS} read_cn BIGINT NOT NULL DEFAULT 0",
	NULL,
};

/* Forward migrations in order: migrations[i] takes the schema from version i to i + 1. */
static const char *const *const migrations[] = { migration_1, migration_2, migration_3 };

int64_t sql_schema_latest(void)
{
	return (int64_t)(sizeof(migrations) / sizeof(migrations[0]));
}

uint32_t sql_schema_version(struct mapistore_backend *be, int64_t *version_r)
{
	uint32_t status = sql_int(be, "SELECT MAX(version) FROM schema_version", NULL, 0, version_r);
	return status == MAPI_E_NOT_FOUND ? (*version_r = 0, MAPI_E_SUCCESS) : status;
}

/* sql with every "key" replaced by value, on tmp. */
static char *put_in(TALLOC_CTX *tmp, char *sql, const char *key, const char *value)
{
	char *at;
	while (sql != NULL && (at = strstr(sql, key)) != NULL) {
		*at = '\0';
		sql = talloc_asprintf(tmp, "%s%s%s", sql, value, at + strlen(key));
	}
	return sql;
}

/* One statement with the engine's dialect put in. */
static uint32_t run_ddl(struct mapistore_backend *be, const char *ddl)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	char *sql = tmp != NULL ? talloc_strdup(tmp, ddl) : NULL;
	sql = put_in(tmp, sql, "{BLOB}", be->eng->blob_type);
	sql = put_in(tmp, sql, "{IF_NOT_EXISTS}", be->eng->add_column_guard);
	uint32_t status = sql == NULL ? MAPI_E_NOT_ENOUGH_MEMORY : be->eng->exec(be->conn, sql);
	talloc_free(tmp);
	return status;
}

/*
 * Runs migration v (to version v + 1) in a write transaction unless another process did it while
 * we waited for the lock: the version is read again inside the transaction.
 */
static uint32_t migrate_one(struct mapistore_backend *be, int64_t v)
{
	uint32_t status = be->eng->exec(be->conn, be->eng->begin_sql);
	if (status != MAPI_E_SUCCESS)
		return status;
	int64_t now = 0;
	status = sql_schema_version(be, &now);
	for (const char *const *s = migrations[v]; status == MAPI_E_SUCCESS && now <= v && *s != NULL; s++)
		status = run_ddl(be, *s);
	struct sql_arg args[] = { SQL_I(v + 1) };
	if (status == MAPI_E_SUCCESS && now <= v)
		status = sql_do(be, "INSERT INTO schema_version (version) VALUES (?)", args, SQL_NARGS(args), NULL);
	if (status != MAPI_E_SUCCESS) {
		be->eng->exec(be->conn, "ROLLBACK");
		return status;
	}
	return be->eng->exec(be->conn, "COMMIT");
}

uint32_t sql_schema_migrate(struct mapistore_backend *be)
{
	uint32_t status = be->eng->exec(be->conn, "CREATE TABLE IF NOT EXISTS schema_version (version INT NOT NULL)");
	int64_t version = 0;
	if (status == MAPI_E_SUCCESS)
		status = sql_schema_version(be, &version);
	if (status == MAPI_E_SUCCESS && version > sql_schema_latest())
		return ecVersionMismatch;	/* written by newer code: do not touch it */
	for (int64_t v = version; status == MAPI_E_SUCCESS && v < sql_schema_latest(); v++)
		status = migrate_one(be, v);
	return status;
}
