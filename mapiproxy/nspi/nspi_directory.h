/*
 * nspi_directory: the domain's directory (sam.ldb) read with the identity of the NSPI caller, so
 * the directory's own access control decides what each user sees (docs/directory-access.md).
 *
 * sambexd loads smb.conf once per worker (nspi_directory_config_load); each bound NSPI session
 * opens its own connection carrying the caller's security token (nspi_directory_open); every
 * request is marked untrusted, without which Samba applies no read ACL at all.
 */
#ifndef SAMBEX_NSPI_DIRECTORY_H
#define SAMBEX_NSPI_DIRECTORY_H

#include <stdbool.h>
#include <stdint.h>
#include <talloc.h>
#include <tevent.h>
#include <ldb.h>

/* The most entries one search returns; more is NSPI_DIRECTORY_TOO_MANY, never an unbounded load. */
#define NSPI_DIRECTORY_MAX_ENTRIES 100000

struct nspi_directory_config;

enum nspi_directory_result {
	NSPI_DIRECTORY_OK = 0,
	NSPI_DIRECTORY_NO_IDENTITY,	/* no token SIDs, or one that does not parse */
	NSPI_DIRECTORY_UNAVAILABLE,	/* no directory configured, or it did not open */
	NSPI_DIRECTORY_TOO_MANY,	/* the search matched more than the limit */
	NSPI_DIRECTORY_DENIED,		/* refused by the directory (access rights) */
	NSPI_DIRECTORY_FAILED,		/* any other directory error, or out of memory */
};

/*
 * Loads smb_conf (NULL: none, the directory is then unavailable) and remembers url (NULL: the
 * sam.ldb of that configuration's private directory). Returns the configuration on mem_ctx, or
 * NULL if smb_conf does not load (a message goes to stderr).
 */
struct nspi_directory_config *nspi_directory_config_load(TALLOC_CTX *mem_ctx,
							 struct tevent_context *ev,
							 const char *smb_conf, const char *url);

/*
 * Parses "S-1-5-21-..." into the binary SID layout of MS-DTYP 2.4.2 (rev, count, 6-byte authority,
 * sub-authorities). Returns false for anything else (more than 15 sub-authorities, overflow).
 */
struct dom_sid;
bool nspi_directory_parse_sid(const char *s, struct dom_sid *sid);

/*
 * Opens the directory for a caller: a connection on mem_ctx whose session is a token made of
 * sids[0..num_sids) (the user's SID first). *ldb_r is set on OK only.
 */
enum nspi_directory_result nspi_directory_open(TALLOC_CTX *mem_ctx,
					       const struct nspi_directory_config *config,
					       const char *account_name, uint32_t num_sids,
					       const char * const *sids,
					       struct ldb_context **ldb_r);

/*
 * One untrusted search: base (NULL: the default naming context), scope, filter, attrs. At most
 * max_entries entries (capped at NSPI_DIRECTORY_MAX_ENTRIES) are kept; one more ends the search
 * with TOO_MANY. On OK *res_r is a new result on mem_ctx (possibly empty). A NULL filter is
 * FAILED (never "match everything").
 */
enum nspi_directory_result nspi_directory_search(TALLOC_CTX *mem_ctx, struct ldb_context *ldb,
						 struct ldb_dn *base, enum ldb_scope scope,
						 const char *filter, const char * const *attrs,
						 unsigned max_entries, struct ldb_result **res_r);

/*
 * A copy of msg on mem_ctx in a few talloc blocks: the names and values in one buffer (each value
 * followed by a NUL, as ldb's are), the DN a string of ldb, parsed when first used. NULL on
 * ENOMEM. The values are no talloc blocks of their own: never free, steal or grow them one by one.
 */
struct ldb_message *nspi_directory_pack(TALLOC_CTX *mem_ctx, struct ldb_context *ldb,
				       const struct ldb_message *msg);

/* An untrusted modify of msg (the directory's ACLs decide): OK, DENIED or FAILED. */
enum nspi_directory_result nspi_directory_modify(struct ldb_context *ldb,
						 const struct ldb_message *msg);

/* Short text for a result, for logs. */
const char *nspi_directory_result_string(enum nspi_directory_result result);

#endif
