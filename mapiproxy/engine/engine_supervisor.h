/*
 * engine_supervisor: the master process of sambexd. It owns the listening socket, keeps a fixed
 * number of worker processes serving it, and restarts a worker that dies — after a delay that
 * grows while workers keep dying young, so a crash loop cannot spin the CPU (the throttle of
 * Postfix's master, master_spawn.c).
 */
#ifndef SAMBEX_ENGINE_SUPERVISOR_H
#define SAMBEX_ENGINE_SUPERVISOR_H

#include <stdbool.h>
#include <sys/types.h>

struct engine_supervisor_config {
	const char *socket_path;	/* the engine socket; replaced if a stale one exists */
	unsigned workers;		/* worker processes (>= 1) */
	unsigned max_backoff_s;		/* longest restart delay */
	bool verbose;
};

/*
 * Binds the socket, starts the workers and supervises them until SIGTERM or SIGINT, then stops
 * them and removes the socket. Returns 0, or 1 if the socket cannot be set up (message on stderr).
 * worker_main runs in each child with the listening fd and never returns.
 */
int engine_supervisor_run(const struct engine_supervisor_config *config,
			  void (*worker_main)(int listen_fd, unsigned slot));

#endif
