/*
 * sambex_provision_cli.h — what the provisioning commands (libmapi/tools/sambex_provision.c,
 * sambex_user.c) share: common options, opening with one clear message, progress output.
 */
#ifndef SAMBEX_PROVISION_CLI_H
#define SAMBEX_PROVISION_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include "sambex_provision.h"

/* Options every provisioning command takes: -H URL, -U user%password, --server HOST. */
struct sambex_cli_common {
	const char *url;
	const char *user_pw;
	const char *server;
};

/* Opens common->url for command cmd, printing "sambex CMD: <why>" on failure.
 * Returns the connection (on mem_ctx) or NULL. Progress lines go to stdout. */
struct sambex_prov *sambex_cli_open(TALLOC_CTX *mem_ctx, const char *cmd,
				    const struct sambex_cli_common *common);

/* Prints "sambex CMD: <p's error>" to stderr and returns 1 (the failed exit status). */
int sambex_cli_failed(const char *cmd, const struct sambex_prov *p);

/* Draws "[#####.....] done/total" on stderr when it is a terminal (bulk runs); done == total
 * ends the line. Silent otherwise. */
void sambex_cli_progress(size_t done, size_t total);

/* Reads account names from a CSV file: the first field of each line; blank lines, lines starting
 * with '#' and a header whose first field is "sAMAccountName" are skipped. Returns the
 * NULL-terminated list on mem_ctx (count in *n), or NULL with *error set. */
const char **sambex_cli_read_csv(TALLOC_CTX *mem_ctx, const char *path, size_t *n, char **error);

#endif
