/*
 * nspi_session: the NSPI sessions of one engine worker — what NspiBind creates and every later
 * call finds through its context handle (MS-OXNSPI 3.1.4.1.1, 3.1.4.1.2).
 *
 * A session belongs to the user who bound it and to that client's association (its context handle
 * is valid only there, C706 6.1): a lookup from another user or association finds nothing, and the
 * association's rundown ends all its sessions.
 */
#ifndef SAMBEX_NSPI_SESSION_H
#define SAMBEX_NSPI_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <talloc.h>
#include <ndr.h>
#include <gen_ndr/misc.h>

struct nspi_session {
	struct GUID handle;		/* the uuid of the context handle the client holds */
	char *user_sid;
	uint64_t association_id;	/* engine_caller.association_id at bind */
	uint32_t code_page;		/* STAT.CodePage at bind: 8-bit strings use it */
	uint32_t template_locale;
	uint32_t sort_locale;
	struct ldb_context *ldb;	/* the directory as this user sees it (nspi_directory) */
	struct nspi_table *table;	/* MIds and the GAL of this session (nspi_table) */
	struct nspi_session *next;
};

struct nspi_sessions;
struct ldb_context;
struct nspi_table;

/*
 * Sessions one user may hold in a worker. A session ends with NspiUnbind; until connection rundown
 * also ends it (issue 7), a client that binds and drops the connection repeatedly would otherwise
 * grow the worker without bound. Beyond the cap the user's oldest session is dropped.
 */
#define NSPI_SESSIONS_PER_USER 64

/* An empty session table on mem_ctx; NULL on ENOMEM. */
struct nspi_sessions *nspi_sessions_new(TALLOC_CTX *mem_ctx);

/*
 * A new session with a fresh random handle, owned by the table; NULL on ENOMEM. If user_sid already
 * holds NSPI_SESSIONS_PER_USER sessions, the oldest of them is destroyed first.
 */
struct nspi_session *nspi_session_create(struct nspi_sessions *sessions, const char *user_sid,
					 uint64_t association_id, uint32_t code_page,
					 uint32_t template_locale, uint32_t sort_locale);

/* The session with that handle bound by user_sid in that association, or NULL. */
struct nspi_session *nspi_session_find(struct nspi_sessions *sessions, const struct GUID *handle,
				       const char *user_sid, uint64_t association_id);

/* Frees that session (as found by nspi_session_find); false if there is none. */
bool nspi_session_destroy(struct nspi_sessions *sessions, const struct GUID *handle,
			  const char *user_sid, uint64_t association_id);

/* Frees every session of the association (its rundown); returns how many. */
size_t nspi_sessions_rundown(struct nspi_sessions *sessions, uint64_t association_id);

size_t nspi_session_count(const struct nspi_sessions *sessions);

#endif
