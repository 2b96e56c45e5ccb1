/*
 * sambex_provision.h — turn a Samba AD forest into one that Outlook accepts as an Exchange
 * organization: schema extension, organization tree, server registration, mailbox users.
 *
 * Every operation is check-then-add: it reads first, writes only what is missing and counts what
 * it changed, so a second run reports 0 changes. Against a local sam.ldb each step runs in one ldb
 * transaction (a failure leaves nothing of that step behind); over LDAP, where ldb has no
 * transactions, every check is made before the first write so that a refused step writes nothing
 * and re-running after the fix completes the job. Layout and facts: ORG-LAYOUT.md, SOURCES.md.
 *
 * Errors: functions return SAMBEX_PROV_OK or SAMBEX_PROV_FAILED; on failure the connection holds
 * one clear message (sambex_prov_error). No function prints or exits; progress goes to the
 * caller's note callback.
 */
#ifndef SAMBEX_PROVISION_H
#define SAMBEX_PROVISION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <talloc.h>

struct ldb_context;
struct ldb_dn;

enum sambex_prov_status {
	SAMBEX_PROV_OK = 0,
	SAMBEX_PROV_FAILED = 1,
};

/* Called with one line describing a change (or a decision); priv is the caller's. */
typedef void (*sambex_prov_note_fn)(void *priv, const char *line);

/* Names that make up the organization (defaults in sambex_prov_names_default). */
struct sambex_prov_names {
	const char *org;		/* CN of the organization, e.g. "First Organization" */
	const char *admin_group;	/* CN of the administrative group */
	const char *server;		/* host name of this Exchange (Sambex) server */
	const char *fqdn;		/* its DNS name (NULL: server.<dns domain>) */
};

/* An open directory: the ldb connection plus the naming contexts found at open time. */
struct sambex_prov {
	struct ldb_context *ldb;
	bool remote;			/* ldap:// URL: no transactions */
	struct ldb_dn *root_dn;		/* default naming context */
	struct ldb_dn *config_dn;
	struct ldb_dn *schema_dn;
	const char *dns_domain;		/* e.g. "sambex.test" */
	char *error;			/* last failure, one line */
	unsigned changes;		/* objects added or modified since open */
	sambex_prov_note_fn note;
	void *note_priv;
};

/*
 * Opens the directory at url: a path to sam.ldb (local, schema updates allowed) or ldap://host
 * with user_pw "user%password" (NULL for local). Returns SAMBEX_PROV_OK with *out allocated on
 * mem_ctx, or SAMBEX_PROV_FAILED with *error (on mem_ctx) saying why: unreachable DC, wrong
 * credentials, not a directory.
 */
int sambex_prov_open(TALLOC_CTX *mem_ctx, const char *url, const char *user_pw,
		     struct sambex_prov **out, char **error);

/* The last failure's message (never NULL; "" when none). Owned by p. */
const char *sambex_prov_error(const struct sambex_prov *p);

/* Fills n with the defaults: "First Organization", the Exchange 2010 group name, this host's
 * short name (n->server then points to a static buffer, valid for the process). */
void sambex_prov_names_default(struct sambex_prov_names *n);

/* Fails unless the organization, admin group and server names fit in a legacyExchangeDN:
 * 1 to 64 characters, no '/' (MS-OXOABK §2.2.1.1). Call before writing anything. */
int sambex_prov_names_check(struct sambex_prov *p, const struct sambex_prov_names *n);

/* Fails unless the DC we talk to holds the schema master role (schema changes go there). */
int sambex_prov_check_schema_master(struct sambex_prov *p);

/* True when the forest already holds Exchange's attribute msExchMailboxGuid (any origin). */
bool sambex_prov_schema_present(struct sambex_prov *p);

/* Adds the attributes and classes Sambex needs (sambex_provision_schema.c), then widens
 * mailRecipient and addressBookContainer. Idempotent. */
int sambex_prov_schema_extend(struct sambex_prov *p);

/* Creates the organization tree for names and registers names->server in it. Fails when another
 * organization already exists. Idempotent. */
int sambex_prov_org_create(struct sambex_prov *p, const struct sambex_prov_names *names);

/* Joins an existing organization (made by Exchange or by Sambex) as names->server without
 * altering it: fills names->org/admin_group from the directory. Fails when there is none. */
int sambex_prov_join(struct sambex_prov *p, struct sambex_prov_names *names);

/* Finds the organization: sets *org_dn and *org_name (on mem_ctx) or returns FAILED with a message. */
int sambex_prov_find_org(TALLOC_CTX *mem_ctx, struct sambex_prov *p, struct ldb_dn **org_dn,
			 const char **org_name);

/* Where new mailboxes go: the org, its admin group, this server and its database. */
struct sambex_prov_home {
	const char *org;
	struct ldb_dn *server_dn;
	const char *server_legacy_dn;
	struct ldb_dn *mdb_dn;
	struct ldb_dn *gal_dn;
	struct ldb_dn *all_users_dn;
};

/* Looks up the home of server (NULL: the only/first server of the org). Allocated on mem_ctx. */
int sambex_prov_home_find(TALLOC_CTX *mem_ctx, struct sambex_prov *p, const char *server,
			  struct sambex_prov_home **out);

/* Mailbox-enables the AD user with sAMAccountName account. *changed says whether it wrote. */
int sambex_prov_user_enable(struct sambex_prov *p, const struct sambex_prov_home *home,
			    const char *account, bool *changed);

/* Returns OK when an AD user with sAMAccountName account exists, else FAILED with a message. */
int sambex_prov_user_exists(struct sambex_prov *p, const char *account);

/* Removes the mailbox attributes from the user account. *changed as above. */
int sambex_prov_user_disable(struct sambex_prov *p, const char *account, bool *changed);

/* Lists the sAMAccountNames of ordinary user accounts (not system ones) into *names (on mem_ctx),
 * sorted; *count set. */
int sambex_prov_user_list(TALLOC_CTX *mem_ctx, struct sambex_prov *p, const char ***names,
			  size_t *count);

/* Removes this server; when no server remains and Sambex made the organization, the mailbox
 * attributes of every user and the whole organization tree too. Schema objects stay (AD cannot
 * delete them). */
int sambex_prov_deprovision(struct sambex_prov *p, const char *server);

/* Transaction helpers: real transactions locally, no-ops over LDAP. */
int sambex_prov_begin(struct sambex_prov *p);
int sambex_prov_commit(struct sambex_prov *p);
void sambex_prov_cancel(struct sambex_prov *p);

/* Records a failure message (printf format) on p and returns SAMBEX_PROV_FAILED. */
int sambex_prov_fail(struct sambex_prov *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Reports one line through p->note (printf format). */
void sambex_prov_say(struct sambex_prov *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Derives the OID Sambex uses for a schema object whose real OID is unknown: Microsoft's
 * GUID-based arc 1.2.840.113556.1.8000.2554 followed by the GUID split into 7 numbers (the
 * oidgen scheme). guid is the text form; returns NULL for a malformed GUID. On mem_ctx. */
char *sambex_prov_oid_from_guid(TALLOC_CTX *mem_ctx, const char *guid);

/* The 16 bytes AD stores for a GUID in text form ("xxxxxxxx-xxxx-..."), MS-DTYP §2.3.4 layout.
 * Returns false (out undefined) for a malformed GUID. */
bool sambex_prov_guid_bytes(const char *text, uint8_t out[16]);

/* The legacyExchangeDN of a recipient homed on the server whose legacyExchangeDN is
 * server_legacy ("/o=O/ou=G/cn=Configuration/cn=Servers/cn=H" gives "/o=O/ou=G/cn=Recipients/
 * cn=<account>", MS-OXCPERM §4.1). NULL when server_legacy lacks "/cn=Configuration/". On mem_ctx. */
char *sambex_prov_recipient_dn(TALLOC_CTX *mem_ctx, const char *server_legacy, const char *account);

#endif
