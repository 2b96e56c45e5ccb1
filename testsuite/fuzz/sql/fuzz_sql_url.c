/*
 * Fuzz target: the SQL backend's URL parser (sql_url_parse) and blob file names
 * (sql_blob_parse_name) on arbitrary text. A parsed URL has a scheme and a path; a parsed blob
 * name formats back to itself.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mapi_status.h"
#include "sql_blob.h"
#include "sql_url.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(bool cond)
{
	if (!cond)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	char *text = talloc_strndup(ctx, (const char *)data, size);
	struct sql_url *u;
	uint32_t status = sql_url_parse(ctx, text, &u);
	check(status == MAPI_E_SUCCESS || status == ecBadConfig || status == MAPI_E_NOT_ENOUGH_MEMORY);
	if (status == MAPI_E_SUCCESS)
		check(u->scheme != NULL && u->path != NULL && u->path[0] != '\0');
	uint8_t hash[SQL_BLOB_HASH_SIZE];
	if (sql_blob_parse_name(text, hash)) {
		char *path = sql_blob_path(ctx, "", hash);
		check(path != NULL && strcmp(path + 4, text) == 0);
	}
	talloc_free(ctx);
	return 0;
}
