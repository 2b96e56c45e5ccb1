/*
 * sambex_provision_user.c — mailbox-enabling and -disabling AD user accounts (ORG-LAYOUT.md §3).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <ldb.h>
#include <sys/random.h>

#include "sambex_provision.h"
#include "sambex_provision_util.h"

/* The attributes a mailbox user carries; deluser removes exactly these. */
static const char *const mailbox_attrs[] = {
	"mailNickname", "legacyExchangeDN", "proxyAddresses", "homeMDB", "msExchHomeServerName",
	"msExchMailboxGuid", "showInAddressBook", "msExchRecipientDisplayType",
	"msExchRecipientTypeDetails", NULL,
};

/* Values from the Microsoft blog archive "Exchange 2007 and Recipient Type Details". */
#define RECIPIENT_TYPE_USER_MAILBOX "1"
#define RECIPIENT_DISPLAY_ACLABLE_MAILBOX_USER "1073741824"

static struct ldb_message *search_one(TALLOC_CTX *mem_ctx, struct sambex_prov *p,
				      struct ldb_dn *base, int scope, const char *const *attrs,
				      const char *filter)
{
	struct ldb_result *res = NULL;
	int rc = ldb_search(p->ldb, mem_ctx, &res, base, scope, (const char **)attrs, "%s", filter);

	return rc == LDB_SUCCESS && res->count > 0 ? res->msgs[0] : NULL;
}

char *sambex_prov_recipient_dn(TALLOC_CTX *mem_ctx, const char *server_legacy, const char *account)
{
	const char *cut = strcasestr(server_legacy, "/cn=Configuration/");

	if (cut == NULL)
		return NULL;
	return talloc_asprintf(mem_ctx, "%.*s/cn=Recipients/cn=%s", (int)(cut - server_legacy),
			       server_legacy, account);
}

static int find_server(TALLOC_CTX *mem_ctx, struct sambex_prov *p, struct ldb_dn *org,
		       const char *server, struct sambex_prov_home *h)
{
	static const char *const attrs[] = { "legacyExchangeDN", NULL };
	char *filter = server == NULL ? talloc_strdup(mem_ctx, "(objectClass=msExchExchangeServer)")
		: talloc_asprintf(mem_ctx, "(&(objectClass=msExchExchangeServer)(cn=%s))",
				  ldb_binary_encode_string(mem_ctx, server));
	struct ldb_message *m = search_one(mem_ctx, p, org, LDB_SCOPE_SUBTREE, attrs, filter);

	if (m == NULL)
		return sambex_prov_fail(p, "server %s is not registered in the Exchange organization "
					"(run 'sambex provision')", server ? server : "(any)");
	h->server_dn = m->dn;
	h->server_legacy_dn = ldb_msg_find_attr_as_string(m, "legacyExchangeDN", NULL);
	if (h->server_legacy_dn == NULL ||
	    sambex_prov_recipient_dn(mem_ctx, h->server_legacy_dn, "") == NULL)
		return sambex_prov_fail(p, "server %s has no usable legacyExchangeDN",
					ldb_dn_get_linearized(m->dn));
	return SAMBEX_PROV_OK;
}

static struct ldb_dn *find_list(TALLOC_CTX *mem_ctx, struct sambex_prov *p, struct ldb_dn *org,
				const char *cn)
{
	static const char *const attrs[] = { "cn", NULL };
	char *filter = talloc_asprintf(mem_ctx, "(&(objectClass=addressBookContainer)(cn=%s))", cn);
	struct ldb_message *m = search_one(mem_ctx, p, org, LDB_SCOPE_SUBTREE, attrs, filter);

	return m ? m->dn : NULL;
}

int sambex_prov_home_find(TALLOC_CTX *mem_ctx, struct sambex_prov *p, const char *server,
			  struct sambex_prov_home **out)
{
	struct sambex_prov_home *h = talloc_zero(mem_ctx, struct sambex_prov_home);
	struct ldb_dn *org = NULL;
	static const char *const attrs[] = { "cn", NULL };

	if (sambex_prov_find_org(h, p, &org, &h->org) != SAMBEX_PROV_OK ||
	    find_server(h, p, org, server, h) != SAMBEX_PROV_OK) {
		talloc_free(h);
		return SAMBEX_PROV_FAILED;
	}
	char *filter = talloc_asprintf(h, "(&(objectClass=msExchPrivateMDB)(msExchOwningServer=%s))",
				       ldb_binary_encode_string(h, ldb_dn_get_linearized(h->server_dn)));
	struct ldb_message *db = search_one(h, p, org, LDB_SCOPE_SUBTREE, attrs, filter);
	h->gal_dn = find_list(h, p, org, "Default Global Address List");
	h->all_users_dn = find_list(h, p, org, "All Users");
	if (db == NULL || h->gal_dn == NULL) {
		int r = sambex_prov_fail(p, "the organization has no %s for server %s",
					 db ? "Default Global Address List" : "mailbox database",
					 ldb_dn_get_linearized(h->server_dn));
		talloc_free(h);
		return r;
	}
	h->mdb_dn = db->dn;
	*out = h;
	return SAMBEX_PROV_OK;
}

static struct ldb_message *find_user(TALLOC_CTX *mem_ctx, struct sambex_prov *p,
				     const char *account, const char *const *attrs)
{
	char *filter = talloc_asprintf(mem_ctx, "(&(objectClass=user)(sAMAccountName=%s))",
				       ldb_binary_encode_string(mem_ctx, account));

	return search_one(mem_ctx, p, p->root_dn, LDB_SCOPE_SUBTREE, attrs, filter);
}

static void put(struct ldb_message *m, const char *attr, const char *value)
{
	ldb_msg_add_empty(m, attr, LDB_FLAG_MOD_REPLACE, NULL);
	ldb_msg_add_string(m, attr, value);
}

/* A random (version 4) GUID as the 16 bytes AD stores. */
static void put_mailbox_guid(struct ldb_message *m)
{
	uint8_t *g = talloc_array(m, uint8_t, 16);
	struct ldb_val v = { .data = g, .length = 16 };

	/* getrandom() of up to 256 bytes never returns short once the pool is initialised; it
	 * blocks until then. */
	for (size_t got = 0; got < 16;) {
		ssize_t n = getrandom(g + got, 16 - got, 0);
		if (n > 0)
			got += (size_t)n;
	}
	g[7] = (uint8_t)((g[7] & 0x0f) | 0x40);	/* little-endian time_hi_and_version */
	g[8] = (uint8_t)((g[8] & 0x3f) | 0x80);
	ldb_msg_add_empty(m, "msExchMailboxGuid", LDB_FLAG_MOD_REPLACE, NULL);
	ldb_msg_add_value(m, "msExchMailboxGuid", &v, NULL);
}

/* Whether the user already has a primary (upper-case SMTP:) proxy address. */
static bool has_primary_smtp(const struct ldb_message *user)
{
	struct ldb_message_element *el = ldb_msg_find_element(user, "proxyAddresses");

	for (unsigned i = 0; el != NULL && i < el->num_values; i++)
		if (el->values[i].length > 5 && memcmp(el->values[i].data, "SMTP:", 5) == 0)
			return true;
	return false;
}

static struct ldb_message *enable_msg(TALLOC_CTX *mem_ctx, struct sambex_prov *p,
				      const struct sambex_prov_home *h,
				      const struct ldb_message *user, const char *account)
{
	struct ldb_message *m = ldb_msg_new(mem_ctx);
	const char *mail = ldb_msg_find_attr_as_string(user, "mail", NULL);
	/* A mail-enabled account keeps its alias; otherwise the alias is the account name. */
	const char *alias = ldb_msg_find_attr_as_string(user, "mailNickname", account);
	/* MS-OXCPERM §4.1 example: /o=<org>/ou=<group>/cn=Recipients/cn=<alias> */
	const char *legacy = sambex_prov_recipient_dn(m, h->server_legacy_dn, alias);

	m->dn = user->dn;
	if (mail == NULL) {
		mail = talloc_asprintf(m, "%s@%s", account, p->dns_domain);
		put(m, "mail", mail);
	}
	put(m, "mailNickname", alias);
	put(m, "legacyExchangeDN", legacy);
	put(m, "homeMDB", ldb_dn_get_linearized(h->mdb_dn));
	put(m, "msExchHomeServerName", h->server_legacy_dn);
	put_mailbox_guid(m);
	put(m, "msExchRecipientTypeDetails", RECIPIENT_TYPE_USER_MAILBOX);
	put(m, "msExchRecipientDisplayType", RECIPIENT_DISPLAY_ACLABLE_MAILBOX_USER);
	ldb_msg_add_empty(m, "showInAddressBook", LDB_FLAG_MOD_REPLACE, NULL);
	ldb_msg_add_string(m, "showInAddressBook", ldb_dn_get_linearized(h->gal_dn));
	if (h->all_users_dn != NULL)
		ldb_msg_add_string(m, "showInAddressBook", ldb_dn_get_linearized(h->all_users_dn));
	ldb_msg_add_empty(m, "proxyAddresses", LDB_FLAG_MOD_ADD, NULL);
	if (!has_primary_smtp(user))
		ldb_msg_add_fmt(m, "proxyAddresses", "SMTP:%s", mail);
	ldb_msg_add_fmt(m, "proxyAddresses", "X500:%s", legacy);
	return m;
}

/* Writes m, counts the change and frees tmp (which owns m). */
static int apply(struct sambex_prov *p, TALLOC_CTX *tmp, struct ldb_message *m, const char *what,
		 const char *account, bool *changed)
{
	int r = SAMBEX_PROV_OK;

	if (ldb_modify(p->ldb, m) != LDB_SUCCESS) {
		r = sambex_prov_fail(p, "cannot %s '%s': %s", what, account, ldb_errstring(p->ldb));
	} else {
		p->changes++;
		*changed = true;
	}
	talloc_free(tmp);
	return r;
}

int sambex_prov_user_enable(struct sambex_prov *p, const struct sambex_prov_home *h,
			    const char *account, bool *changed)
{
	static const char *const attrs[] = { "mailNickname", "homeMDB", "mail", "proxyAddresses",
					     NULL };
	TALLOC_CTX *tmp = talloc_new(p);
	struct ldb_message *user = find_user(tmp, p, account, attrs);

	*changed = false;
	if (user == NULL) {
		talloc_free(tmp);
		return sambex_prov_fail(p, "no user account named '%s'", account);
	}
	if (ldb_msg_find_element(user, "mailNickname") != NULL &&
	    ldb_msg_find_element(user, "homeMDB") != NULL) {
		talloc_free(tmp);
		return SAMBEX_PROV_OK;
	}
	return apply(p, tmp, enable_msg(tmp, p, h, user, account), "mailbox-enable", account,
		     changed);
}

int sambex_prov_user_exists(struct sambex_prov *p, const char *account)
{
	static const char *const attrs[] = { "sAMAccountName", NULL };
	TALLOC_CTX *tmp = talloc_new(p);
	bool found = find_user(tmp, p, account, attrs) != NULL;

	talloc_free(tmp);
	return found ? SAMBEX_PROV_OK : sambex_prov_fail(p, "no user account named '%s'", account);
}

int sambex_prov_user_disable(struct sambex_prov *p, const char *account, bool *changed)
{
	TALLOC_CTX *tmp = talloc_new(p);
	struct ldb_message *user = find_user(tmp, p, account, mailbox_attrs);

	*changed = false;
	if (user == NULL) {
		talloc_free(tmp);
		return sambex_prov_fail(p, "no user account named '%s'", account);
	}
	struct ldb_message *m = ldb_msg_new(tmp);
	m->dn = user->dn;
	for (int i = 0; mailbox_attrs[i] != NULL; i++)
		if (ldb_msg_find_element(user, mailbox_attrs[i]) != NULL)
			ldb_msg_add_empty(m, mailbox_attrs[i], LDB_FLAG_MOD_DELETE, NULL);
	if (m->num_elements == 0 || ldb_msg_find_element(user, "mailNickname") == NULL) {
		talloc_free(tmp);
		return SAMBEX_PROV_OK;
	}
	return apply(p, tmp, m, "remove the mailbox of", account, changed);
}

static int by_name(const void *a, const void *b)
{
	return strcasecmp(*(const char *const *)a, *(const char *const *)b);
}

int sambex_prov_user_list(TALLOC_CTX *mem_ctx, struct sambex_prov *p, const char ***names,
			  size_t *count)
{
	static const char *attrs[] = { "sAMAccountName", NULL };
	struct ldb_result *res = NULL;
	/* Ordinary people: not computers (objectCategory), not Administrator/krbtgt/Guest. */
	int rc = ldb_search(p->ldb, mem_ctx, &res, p->root_dn, LDB_SCOPE_SUBTREE, attrs,
			    "(&(objectCategory=person)(objectClass=user)"
			    "(!(isCriticalSystemObject=TRUE)))");

	if (rc != LDB_SUCCESS)
		return sambex_prov_fail(p, "cannot list the user accounts: %s", ldb_errstring(p->ldb));
	const char **out = talloc_array(mem_ctx, const char *, res->count + 1);
	size_t n = 0;
	for (unsigned i = 0; i < res->count; i++) {
		const char *name = ldb_msg_find_attr_as_string(res->msgs[i], "sAMAccountName", NULL);
		if (name != NULL)
			out[n++] = name;
	}
	out[n] = NULL;
	qsort(out, n, sizeof(out[0]), by_name);
	*names = out;
	*count = n;
	return SAMBEX_PROV_OK;
}
