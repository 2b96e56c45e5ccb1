/*
 * sambexd: the Sambex engine daemon.
 *
 * The Samba plugin and the HTTP front end forward every EMSMDB, AsyncEMSMDB, NSPI and RFR call
 * here over a local socket (engine_proto.h). All fallible work runs in these processes, under a
 * supervisor that restarts a crashed worker: a fault costs the sessions of one worker, never the
 * domain controller.
 *
 * Usage: sambexd --socket PATH [--workers N] [--max-backoff SECONDS] [--verbose]
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

static void worker_main(int listen_fd, unsigned slot)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct tevent_context *ev = tevent_context_init(mem_ctx);

	if (ev == NULL || engine_server_new(mem_ctx, ev, listen_fd, &engine_dispatch_handler) == NULL) {
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
	fprintf(out, "usage: sambexd --socket PATH [--workers N] [--max-backoff SECONDS] "
		     "[--verbose]\n");
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "socket", required_argument, NULL, 's' },
		{ "workers", required_argument, NULL, 'w' },
		{ "max-backoff", required_argument, NULL, 'b' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct engine_supervisor_config config = {
		.socket_path = "/run/sambex/engine.sock",
		.workers = 1,
		.max_backoff_s = 30,
	};
	int c;

	while ((c = getopt_long(argc, argv, "s:w:b:vh", options, NULL)) != -1) {
		switch (c) {
		case 's': config.socket_path = optarg; break;
		case 'w': config.workers = (unsigned)strtoul(optarg, NULL, 10); break;
		case 'b': config.max_backoff_s = (unsigned)strtoul(optarg, NULL, 10); break;
		case 'v': config.verbose = true; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind != argc || config.workers == 0 || config.workers > 64) {
		usage(stderr);
		return 2;
	}
	return engine_supervisor_run(&config, worker_main);
}
