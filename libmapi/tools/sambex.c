/*
 * sambex.c — the admin command's dispatcher: `sambex <command> [args...]`.
 *
 * Subcommands are implemented one family per file; this file only finds the one named on the
 * command line and runs it, so adding a command is one line in the table below.
 */
#include <stdio.h>
#include <string.h>

#include "sambex_commands.h"

static int sambex_cmd_help(TALLOC_CTX *mem_ctx, int argc, char **argv);

/* Keep sorted by name; `sambex help` prints them in this order. */
static const struct sambex_command command_table[] = {
	{ "deluser", "remove the mailbox of AD users", sambex_cmd_deluser },
	{ "deprovision", "remove this server (and a Sambex-made organization)", sambex_cmd_deprovision },
	{ "help", "list the commands", sambex_cmd_help },
	{ "newuser", "mailbox-enable AD users (USER... | --all | --from-csv FILE)", sambex_cmd_newuser },
	{ "provision", "extend the schema, create the Exchange organization, register this server", sambex_cmd_provision },
	{ "store", "store check URL (fsck) | gc URL | stats URL | mailbox URL OWNER [LOCALE]", sambex_store },
	{ NULL, NULL, NULL },
};

const struct sambex_command *sambex_commands(void)
{
	return command_table;
}

static int sambex_cmd_help(TALLOC_CTX *mem_ctx, int argc, char **argv)
{
	(void)mem_ctx;
	(void)argc;
	(void)argv;
	printf("usage: sambex <command> [arguments]\n\ncommands:\n");
	for (const struct sambex_command *c = command_table; c->name != NULL; c++)
		printf("  %-16s %s\n", c->name, c->summary);
	return SAMBEX_EXIT_OK;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		sambex_cmd_help(NULL, 0, NULL);
		return SAMBEX_EXIT_USAGE;
	}
	for (const struct sambex_command *c = command_table; c->name != NULL; c++) {
		if (strcmp(c->name, argv[1]) != 0)
			continue;
		TALLOC_CTX *mem_ctx = talloc_new(NULL);
		if (mem_ctx == NULL) {
			fprintf(stderr, "sambex: out of memory\n");
			return SAMBEX_EXIT_FAILED;
		}
		int status = c->run(mem_ctx, argc - 1, argv + 1);
		talloc_free(mem_ctx);
		return status;
	}
	fprintf(stderr, "sambex: unknown command '%s' (try 'sambex help')\n", argv[1]);
	return SAMBEX_EXIT_USAGE;
}
