/*
 * engine_supervisor: prefork master for sambexd (see engine_supervisor.h).
 *
 * The master does no protocol work, so it has nothing that can crash on a client's input; it only
 * forks, reaps and restarts. Restart delay per slot: 0 s for a worker that served for a while,
 * then 1, 2, 4 ... max_backoff_s seconds while that slot's workers die within a minute.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "engine_supervisor.h"

#define YOUNG_DEATH_S 60

struct slot {
	pid_t pid;
	time_t started;
	time_t restart_at;
	unsigned backoff_s;
};

static volatile sig_atomic_t stop_requested;

static void on_stop(int sig)
{
	stop_requested = sig;
}

static int listen_unix(const char *path)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	int fd;

	if (strlen(path) >= sizeof(addr.sun_path)) {
		fprintf(stderr, "sambexd: socket path too long: %s\n", path);
		return -1;
	}
	strcpy(addr.sun_path, path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd == -1) {
		perror("sambexd: socket");
		return -1;
	}
	unlink(path);	/* a stale socket from a previous run */
	if (bind(fd, (struct sockaddr *)&addr, sizeof(addr)) == -1 || chmod(path, 0660) == -1 ||
	    listen(fd, 128) == -1) {
		fprintf(stderr, "sambexd: cannot listen on %s: %s\n", path, strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

static void spawn(struct slot *slot, unsigned index, int listen_fd,
		  void (*worker_main)(int, unsigned))
{
	pid_t pid = fork();

	if (pid == 0) {
		signal(SIGTERM, SIG_DFL);
		signal(SIGINT, SIG_DFL);
		worker_main(listen_fd, index);
		_exit(0);
	}
	if (pid > 0) {
		slot->pid = pid;
		slot->started = time(NULL);
	} else {
		slot->restart_at = time(NULL) + 1;	/* fork failed: try again shortly */
	}
}

/* Notes a dead worker and schedules its slot's restart. */
static void reap(struct slot *slots, unsigned n, pid_t pid, int status,
		 const struct engine_supervisor_config *config)
{
	time_t now = time(NULL);

	for (unsigned i = 0; i < n; i++) {
		if (slots[i].pid != pid) {
			continue;
		}
		slots[i].pid = 0;
		if (now - slots[i].started >= YOUNG_DEATH_S) {
			slots[i].backoff_s = 0;
		} else {
			slots[i].backoff_s = slots[i].backoff_s == 0 ? 1 : slots[i].backoff_s * 2;
			if (slots[i].backoff_s > config->max_backoff_s) {
				slots[i].backoff_s = config->max_backoff_s;
			}
		}
		slots[i].restart_at = now + slots[i].backoff_s;
		if (config->verbose || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			fprintf(stderr, "sambexd: worker %u (pid %d) %s %d; restart in %u s\n", i,
				(int)pid, WIFSIGNALED(status) ? "killed by signal" : "exited with",
				WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status),
				slots[i].backoff_s);
		}
	}
}

static void stop_all(struct slot *slots, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		if (slots[i].pid > 0) {
			kill(slots[i].pid, SIGTERM);
		}
	}
	for (unsigned i = 0; i < n; i++) {
		if (slots[i].pid > 0) {
			waitpid(slots[i].pid, NULL, 0);
		}
	}
}

int engine_supervisor_run(const struct engine_supervisor_config *config,
			  void (*worker_main)(int listen_fd, unsigned slot))
{
	unsigned n = config->workers > 0 ? config->workers : 1;
	struct slot *slots = calloc(n, sizeof(*slots));
	int listen_fd = listen_unix(config->socket_path);

	if (slots == NULL || listen_fd == -1) {
		free(slots);
		return 1;
	}
	signal(SIGTERM, on_stop);
	signal(SIGINT, on_stop);
	signal(SIGPIPE, SIG_IGN);
	while (!stop_requested) {
		time_t now = time(NULL);
		int status;
		pid_t pid;

		for (unsigned i = 0; i < n; i++) {
			if (slots[i].pid == 0 && now >= slots[i].restart_at) {
				spawn(&slots[i], i, listen_fd, worker_main);
			}
		}
		while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
			reap(slots, n, pid, status, config);
		}
		usleep(100 * 1000);	/* the master's only job is this loop: 10 Hz is plenty */
	}
	stop_all(slots, n);
	close(listen_fd);
	unlink(config->socket_path);
	free(slots);
	return 0;
}
