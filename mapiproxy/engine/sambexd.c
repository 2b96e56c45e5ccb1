/*
 * sambexd: the Sambex engine daemon.
 *
 * The Samba plugin and the HTTP front end forward every EMSMDB, AsyncEMSMDB, NSPI and RFR call
 * here over a local socket (engine_proto.h). All fallible work runs in these processes, under a
 * supervisor that restarts a crashed worker: a fault costs the sessions of one worker, never the
 * domain controller.
 *
 * Usage: sambexd --socket PATH [--server-fqdn NAME] [--server-guid GUID] [--workers N]
 *                [--max-backoff SECONDS] [--smb-conf PATH] [--samdb URL] [--verbose]
 * --server-fqdn is the name clients are referred to (default: this host's name); --server-guid
 * the GUID NspiBind reports (default: a random one per start, until provisioning records one).
 * --smb-conf is the DC's smb.conf: NSPI reads the directory (sam.ldb, or --samdb URL) with each
 * caller's identity (docs/directory-access.md); without it NSPI binds but finds no entries.
 * Runs in the foreground and logs to stderr (systemd's journal, or the sandbox's log).
 */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <talloc.h>
#include <tevent.h>

#include "engine_dispatch.h"
#include "engine_server.h"
#include "engine_supervisor.h"
#include "mapi_guid.h"
#include "nspi_directory.h"
#include "nspi_session.h"

/* Set in main() before the workers fork; each worker adds its own state. */
static struct engine_context engine_config;
static const char *smb_conf_path;
static const char *samdb_url;

static void worker_main(int listen_fd, unsigned slot)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct tevent_context *ev = tevent_context_init(mem_ctx);
	struct engine_context *ctx = talloc(mem_ctx, struct engine_context);
	struct engine_handler *handler = talloc(mem_ctx, struct engine_handler);

	if (ev == NULL || ctx == NULL || handler == NULL) {
		fprintf(stderr, "sambexd: worker %u: out of memory at start\n", slot);
		_exit(1);
	}
	*ctx = engine_config;
	ctx->nspi = nspi_sessions_new(ctx);
	if (smb_conf_path != NULL) {
		ctx->directory = nspi_directory_config_load(ctx, ev, smb_conf_path, samdb_url);
		if (ctx->directory == NULL) {
			fprintf(stderr, "sambexd: worker %u: no directory (%s)\n", slot,
				smb_conf_path);
		}
	}
	engine_dispatch_handler_init(handler, ctx);
	if (ctx->nspi == NULL || engine_server_new(mem_ctx, ev, listen_fd, handler) == NULL) {
		fprintf(stderr, "sambexd: worker %u: out of memory at start\n", slot);
		_exit(1);
	}
	for (;;) {
		if (tevent_loop_once(ev) != 0) {
			fprintf(stderr, "sambexd: worker %u: event loop failed\n", slot);
			_exit(1);
		}
	}
}

static void usage(FILE *out)
{
	fprintf(out, "usage: sambexd --socket PATH [--server-fqdn NAME] [--server-guid GUID] "
		     "[--workers N] [--max-backoff SECONDS] [--smb-conf PATH] [--samdb URL] "
		     "[--verbose]\n");
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "socket", required_argument, NULL, 's' },
		{ "server-fqdn", required_argument, NULL, 'f' },
		{ "server-guid", required_argument, NULL, 'g' },
		{ "workers", required_argument, NULL, 'w' },
		{ "max-backoff", required_argument, NULL, 'b' },
		{ "smb-conf", required_argument, NULL, 'c' },
		{ "samdb", required_argument, NULL, 'd' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct engine_supervisor_config config = {
		.socket_path = "/run/sambex/engine.sock",
		.workers = 1,
		.max_backoff_s = 30,
	};
	static char hostname[256];
	int c;

	engine_config.server_guid = mapi_guid_random();
	if (gethostname(hostname, sizeof(hostname) - 1) != 0) {
		strcpy(hostname, "localhost");
	}
	engine_config.server_fqdn = hostname;
	while ((c = getopt_long(argc, argv, "s:f:g:w:b:c:d:vh", options, NULL)) != -1) {
		switch (c) {
		case 's': config.socket_path = optarg; break;
		case 'f': engine_config.server_fqdn = optarg; break;
		case 'g':
			if (!mapi_guid_parse(optarg, &engine_config.server_guid)) {
				fprintf(stderr, "sambexd: --server-guid: not a GUID: %s\n", optarg);
				return 2;
			}
			break;
		case 'w': config.workers = (unsigned)strtoul(optarg, NULL, 10); break;
		case 'b': config.max_backoff_s = (unsigned)strtoul(optarg, NULL, 10); break;
		case 'c': smb_conf_path = optarg; break;
		case 'd': samdb_url = optarg; break;
		case 'v': config.verbose = engine_config.verbose = true; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind != argc || config.workers == 0 || config.workers > 64 ||
	    (samdb_url != NULL && smb_conf_path == NULL)) {
		usage(stderr);
		return 2;
	}
	/*
	 * ldb dlopens Samba's modules with RTLD_DEEPBIND unless this is set; sanitizer builds
	 * cannot load a library that way, and sambexd needs no symbol isolation from them.
	 */
	setenv("LDB_MODULES_DISABLE_DEEPBIND", "1", 0);
	if (smb_conf_path != NULL && access(smb_conf_path, R_OK) != 0) {
		fprintf(stderr, "sambexd: --smb-conf: cannot read %s\n", smb_conf_path);
		return 2;
	}
	return engine_supervisor_run(&config, worker_main);
}
