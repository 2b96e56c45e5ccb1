/*
 * sambex_user.c — `sambex newuser` and `sambex deluser`: mailbox-enable or -disable AD accounts
 * (docs/provisioning.md).
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "sambex_commands.h"
#include "sambex_provision_cli.h"


/* Local bulk runs commit every BATCH users: one transaction per user is the slow part. */
enum { BATCH = 500 };

static const char newuser_usage[] =
	"usage: sambex newuser -H URL [-U user%%password] [--server HOST] USER... | --all |"
	" --from-csv FILE\n";
static const char deluser_usage[] = "usage: sambex deluser -H URL [-U user%%password] USER...\n";

struct user_args {
	struct sambex_cli_common common;
	bool all;
	const char *csv;
	const char **names;
	size_t count;
};

static int usage(const char *text)
{
	fprintf(stderr, text, "");
	return SAMBEX_EXIT_USAGE;
}

static bool parse(int argc, char **argv, struct user_args *a, bool bulk_allowed)
{
	static const struct option opts[] = {
		{ "server", required_argument, NULL, 's' },
		{ "all", no_argument, NULL, 'a' },
		{ "from-csv", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "H:U:h", opts, NULL)) != -1) {
		switch (c) {
		case 'H': a->common.url = optarg; break;
		case 'U': a->common.user_pw = optarg; break;
		case 's': a->common.server = optarg; break;
		case 'a': a->all = true; break;
		case 'c': a->csv = optarg; break;
		default: return false;
		}
	}
	a->names = (const char **)argv + optind;
	a->count = (size_t)(argc - optind);
	int sources = (a->count > 0) + a->all + (a->csv != NULL);
	if (a->common.url == NULL || sources != 1)
		return false;
	return bulk_allowed || a->count > 0;
}

/* Every named account must exist before anything is written (one message for the first that
 * does not). */
static int check_accounts(struct sambex_prov *p, const struct user_args *a)
{
	for (size_t i = 0; i < a->count; i++)
		if (sambex_prov_user_exists(p, a->names[i]) != SAMBEX_PROV_OK)
			return SAMBEX_PROV_FAILED;
	return SAMBEX_PROV_OK;
}

static int enable_all(struct sambex_prov *p, const struct sambex_prov_home *home,
		      const struct user_args *a, size_t *enabled)
{
	bool bulk = a->all || a->csv != NULL;

	for (size_t i = 0; i < a->count; i++) {
		bool changed = false;
		if (i % BATCH == 0 && sambex_prov_begin(p) != SAMBEX_PROV_OK)
			return SAMBEX_PROV_FAILED;
		if (sambex_prov_user_enable(p, home, a->names[i], &changed) != SAMBEX_PROV_OK) {
			sambex_prov_cancel(p);
			return SAMBEX_PROV_FAILED;
		}
		if (changed)
			(*enabled)++;
		if (!bulk)
			printf("  %s: %s\n", a->names[i], changed ? "mailbox enabled" : "already a mailbox user, unchanged");
		if ((i + 1) % BATCH == 0 || i + 1 == a->count) {
			if (sambex_prov_commit(p) != SAMBEX_PROV_OK)
				return SAMBEX_PROV_FAILED;
			if (bulk)
				sambex_cli_progress(i + 1, a->count);
		}
	}
	return SAMBEX_PROV_OK;
}

int sambex_cmd_newuser(TALLOC_CTX *mem_ctx, int argc, char **argv)
{
	struct user_args a = { 0 };
	struct sambex_prov_home *home = NULL;
	char *error = NULL;
	size_t enabled = 0;

	if (!parse(argc, argv, &a, true))
		return usage(newuser_usage);
	if (a.csv != NULL && (a.names = sambex_cli_read_csv(mem_ctx, a.csv, &a.count, &error)) == NULL) {
		fprintf(stderr, "sambex newuser: %s\n", error);
		return SAMBEX_EXIT_FAILED;
	}
	struct sambex_prov *p = sambex_cli_open(mem_ctx, "newuser", &a.common);
	if (p == NULL)
		return SAMBEX_EXIT_FAILED;
	if (a.all && sambex_prov_user_list(mem_ctx, p, &a.names, &a.count) != SAMBEX_PROV_OK)
		return sambex_cli_failed("newuser", p);
	if (sambex_prov_home_find(mem_ctx, p, a.common.server, &home) != SAMBEX_PROV_OK ||
	    (!a.all && check_accounts(p, &a) != SAMBEX_PROV_OK) ||
	    enable_all(p, home, &a, &enabled) != SAMBEX_PROV_OK)
		return sambex_cli_failed("newuser", p);
	printf("newuser: %zu of %zu accounts mailbox-enabled (%zu already were)\n", enabled, a.count,
	       a.count - enabled);
	return SAMBEX_EXIT_OK;
}

int sambex_cmd_deluser(TALLOC_CTX *mem_ctx, int argc, char **argv)
{
	struct user_args a = { 0 };

	if (!parse(argc, argv, &a, false))
		return usage(deluser_usage);
	struct sambex_prov *p = sambex_cli_open(mem_ctx, "deluser", &a.common);
	if (p == NULL)
		return SAMBEX_EXIT_FAILED;
	if (check_accounts(p, &a) != SAMBEX_PROV_OK || sambex_prov_begin(p) != SAMBEX_PROV_OK)
		return sambex_cli_failed("deluser", p);
	for (size_t i = 0; i < a.count; i++) {
		bool changed = false;
		if (sambex_prov_user_disable(p, a.names[i], &changed) != SAMBEX_PROV_OK) {
			sambex_prov_cancel(p);
			return sambex_cli_failed("deluser", p);
		}
		printf("  %s: %s\n", a.names[i], changed ? "mailbox removed" : "not a mailbox user, unchanged");
	}
	if (sambex_prov_commit(p) != SAMBEX_PROV_OK)
		return sambex_cli_failed("deluser", p);
	return SAMBEX_EXIT_OK;
}
