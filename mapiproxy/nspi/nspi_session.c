/*
 * nspi_session: a per-worker list of NSPI sessions keyed by context-handle uuid.
 *
 * A list is enough while a worker holds tens of sessions; it becomes a hash when the address book
 * engine (issue 7) measures otherwise.
 */
#include <string.h>

#include "nspi_session.h"
#include "mapi_guid.h"

struct nspi_sessions {
	struct nspi_session *first;
	size_t count;
};

struct nspi_sessions *nspi_sessions_new(TALLOC_CTX *mem_ctx)
{
	return talloc_zero(mem_ctx, struct nspi_sessions);
}

/* Unlinks and frees the session at link. */
static void unlink_session(struct nspi_sessions *sessions, struct nspi_session **link)
{
	struct nspi_session *s = *link;

	*link = s->next;
	sessions->count--;
	talloc_free(s);
}

/* Drops user_sid's oldest session if it holds the maximum. New sessions go first: oldest last. */
static void enforce_user_cap(struct nspi_sessions *sessions, const char *user_sid)
{
	struct nspi_session **oldest = NULL;
	size_t held = 0;

	for (struct nspi_session **link = &sessions->first; *link != NULL; link = &(*link)->next) {
		if (strcmp((*link)->user_sid, user_sid) == 0) {
			held++;
			oldest = link;
		}
	}
	if (held >= NSPI_SESSIONS_PER_USER) {
		unlink_session(sessions, oldest);
	}
}

struct nspi_session *nspi_session_create(struct nspi_sessions *sessions, const char *user_sid,
					 uint64_t association_id, uint32_t code_page,
					 uint32_t template_locale, uint32_t sort_locale)
{
	struct nspi_session *s;

	if (user_sid == NULL) {
		user_sid = "";
	}
	enforce_user_cap(sessions, user_sid);
	s = talloc_zero(sessions, struct nspi_session);

	if (s == NULL) {
		return NULL;
	}
	s->user_sid = talloc_strdup(s, user_sid);
	if (s->user_sid == NULL) {
		talloc_free(s);
		return NULL;
	}
	s->handle = mapi_guid_random();
	s->association_id = association_id;
	s->code_page = code_page;
	s->template_locale = template_locale;
	s->sort_locale = sort_locale;
	s->next = sessions->first;
	sessions->first = s;
	sessions->count++;
	return s;
}

static struct nspi_session **find_link(struct nspi_sessions *sessions, const struct GUID *handle,
				       const char *user_sid, uint64_t association_id)
{
	for (struct nspi_session **link = &sessions->first; *link != NULL; link = &(*link)->next) {
		if (mapi_guid_equal(&(*link)->handle, handle) &&
		    (*link)->association_id == association_id &&
		    strcmp((*link)->user_sid, user_sid != NULL ? user_sid : "") == 0) {
			return link;
		}
	}
	return NULL;
}

struct nspi_session *nspi_session_find(struct nspi_sessions *sessions, const struct GUID *handle,
				       const char *user_sid, uint64_t association_id)
{
	struct nspi_session **link = find_link(sessions, handle, user_sid, association_id);

	return link != NULL ? *link : NULL;
}

bool nspi_session_destroy(struct nspi_sessions *sessions, const struct GUID *handle,
			  const char *user_sid, uint64_t association_id)
{
	struct nspi_session **link = find_link(sessions, handle, user_sid, association_id);

	if (link == NULL) {
		return false;
	}
	unlink_session(sessions, link);
	return true;
}

size_t nspi_sessions_rundown(struct nspi_sessions *sessions, uint64_t association_id)
{
	struct nspi_session **link = &sessions->first;
	size_t freed = 0;

	while (*link != NULL) {
		if ((*link)->association_id == association_id) {
			unlink_session(sessions, link);
			freed++;
		} else {
			link = &(*link)->next;
		}
	}
	return freed;
}

size_t nspi_session_count(const struct nspi_sessions *sessions)
{
	return sessions->count;
}
