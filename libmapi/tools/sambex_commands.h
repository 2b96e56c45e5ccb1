/*
 * sambex_commands.h — the subcommands of the `sambex` admin command.
 *
 * Each family (provision, user, store, ...) lives in its own file and exports one entry point per
 * subcommand with the signature below. The entry point owns its argument parsing, prints its own
 * messages (one clear line on error, to stderr) and returns the process exit status: 0 on success,
 * 1 when the job failed, 2 on a usage error. It never calls exit(); memory hangs off mem_ctx, which
 * the dispatcher frees.
 */
#ifndef SAMBEX_COMMANDS_H
#define SAMBEX_COMMANDS_H

#include <talloc.h>

/* Exit statuses shared by every subcommand. */
enum sambex_exit {
	SAMBEX_EXIT_OK = 0,
	SAMBEX_EXIT_FAILED = 1,
	SAMBEX_EXIT_USAGE = 2,
};

/* One subcommand: argv[0] is the subcommand's own name. */
typedef int (*sambex_command_fn)(TALLOC_CTX *mem_ctx, int argc, char **argv);

struct sambex_command {
	const char *name;	/* word typed after `sambex` */
	const char *summary;	/* one line for `sambex help` */
	sambex_command_fn run;
};

/* Returns the NULL-terminated table of subcommands (sambex.c). */
const struct sambex_command *sambex_commands(void);

/* The subcommands, one family per file. */
int sambex_store(TALLOC_CTX *mem_ctx, int argc, char **argv);		/* sambex_store.c */
int sambex_cmd_provision(TALLOC_CTX *mem_ctx, int argc, char **argv);	/* sambex_provision.c */
int sambex_cmd_deprovision(TALLOC_CTX *mem_ctx, int argc, char **argv);	/* sambex_provision.c */
int sambex_cmd_newuser(TALLOC_CTX *mem_ctx, int argc, char **argv);	/* sambex_user.c */
int sambex_cmd_deluser(TALLOC_CTX *mem_ctx, int argc, char **argv);	/* sambex_user.c */

#endif
