/*
 * sambex_provision_org.c — the organization tree under CN=Microsoft Exchange,CN=Services in the
 * Configuration partition (ORG-LAYOUT.md §1), and this server's registration in it.
 */
#include <string.h>

#include <ldb.h>

#include "sambex_provision.h"
#include "sambex_provision_util.h"

/* Marks an organization that Sambex created, so deprovision knows it may remove it. */
#define SAMBEX_ORG_MARK "created by sambex provision"

/* LDAP forms of the default address-list filters (ORG-LAYOUT.md §2.4: our translation of the
 * OPATH filters Exchange 2010 documents; OPATH Alias = LDAP mailNickname). */
#define FILTER_GAL "(&(mailNickname=*)(|(objectClass=user)(objectClass=contact)" \
	"(objectClass=msExchSystemMailbox)(objectClass=msExchDynamicDistributionList)" \
	"(objectClass=group)(objectClass=publicFolder)))"
#define FILTER_USERS "(&(mailNickname=*)(objectCategory=person)(objectClass=user)" \
	"(|(homeMDB=*)(msExchHomeServerName=*)))"
#define FILTER_GROUPS "(&(mailNickname=*)(objectCategory=group))"
#define FILTER_CONTACTS "(&(mailNickname=*)(objectCategory=person)(objectClass=contact))"

struct ldb_dn *sambex_prov_exchange_dn(TALLOC_CTX *mem_ctx, struct sambex_prov *p)
{
	struct ldb_dn *dn = ldb_dn_copy(mem_ctx, p->config_dn);

	ldb_dn_add_child_fmt(dn, "CN=Microsoft Exchange,CN=Services");
	return dn;
}

int sambex_prov_find_org(TALLOC_CTX *mem_ctx, struct sambex_prov *p, struct ldb_dn **org_dn,
			 const char **org_name)
{
	struct ldb_result *res = NULL;
	static const char *attrs[] = { "cn", NULL };
	int rc = ldb_search(p->ldb, mem_ctx, &res, sambex_prov_exchange_dn(mem_ctx, p),
			    LDB_SCOPE_ONELEVEL, attrs, "(objectClass=msExchOrganizationContainer)");

	if (rc != LDB_SUCCESS && rc != LDB_ERR_NO_SUCH_OBJECT)
		return sambex_prov_fail(p, "cannot search for an Exchange organization: %s",
					ldb_errstring(p->ldb));
	if (rc == LDB_ERR_NO_SUCH_OBJECT || res->count == 0)
		return sambex_prov_fail(p, "no Exchange organization exists in this forest (create "
					"one with 'sambex provision')");
	*org_dn = res->msgs[0]->dn;
	*org_name = ldb_msg_find_attr_as_string(res->msgs[0], "cn", "");
	return SAMBEX_PROV_OK;
}

/* One address list: an addressBookContainer with a display name and an optional filter. */
static int ensure_list(struct sambex_prov *p, struct ldb_dn *parent, const char *cn,
		       const char *filter, struct ldb_dn **out)
{
	struct ldb_dn *dn = sambex_prov_child(p, parent, cn);
	const char *kv[] = { "displayName", cn, filter ? "purportedSearch" : NULL, filter, NULL };

	if (out != NULL)
		*out = dn;
	return sambex_prov_ensure(p, dn, "addressBookContainer", kv);
}

static int ensure_address_lists(struct sambex_prov *p, struct ldb_dn *org, struct ldb_dn **all,
				struct ldb_dn **gal)
{
	struct ldb_dn *alc = sambex_prov_child(p, org, "Address Lists Container");
	struct ldb_dn *gals = NULL;

	if (sambex_prov_ensure(p, alc, "msExchContainer", NULL) != SAMBEX_PROV_OK ||
	    ensure_list(p, alc, "All Address Lists", NULL, all) != SAMBEX_PROV_OK ||
	    ensure_list(p, *all, "All Users", FILTER_USERS, NULL) != SAMBEX_PROV_OK ||
	    ensure_list(p, *all, "All Groups", FILTER_GROUPS, NULL) != SAMBEX_PROV_OK ||
	    ensure_list(p, *all, "All Contacts", FILTER_CONTACTS, NULL) != SAMBEX_PROV_OK ||
	    ensure_list(p, alc, "All Global Address Lists", NULL, &gals) != SAMBEX_PROV_OK ||
	    ensure_list(p, gals, "Default Global Address List", FILTER_GAL, gal) != SAMBEX_PROV_OK)
		return SAMBEX_PROV_FAILED;
	return SAMBEX_PROV_OK;
}

/* Address templates: CN=Addressing/CN=Address-Templates/CN=409 (English, LCID 0x409). */
static int ensure_templates(struct sambex_prov *p, struct ldb_dn *org, struct ldb_dn **root)
{
	struct ldb_dn *addressing = sambex_prov_child(p, org, "Addressing");
	struct ldb_dn *lcid;
	const char *kv[] = { "displayName", "Exchange", "addressType", "EX", NULL };

	*root = sambex_prov_child(p, addressing, "Address-Templates");
	lcid = sambex_prov_child(p, *root, "409");
	if (sambex_prov_ensure(p, addressing, "msExchContainer", NULL) != SAMBEX_PROV_OK ||
	    sambex_prov_ensure(p, *root, "msExchContainer", NULL) != SAMBEX_PROV_OK ||
	    sambex_prov_ensure(p, lcid, "msExchContainer", NULL) != SAMBEX_PROV_OK ||
	    sambex_prov_ensure(p, sambex_prov_child(p, lcid, "Exchange"), "addressTemplate", kv) !=
		    SAMBEX_PROV_OK)
		return SAMBEX_PROV_FAILED;
	return SAMBEX_PROV_OK;
}

/* CN=<server> under the group's CN=Servers and its database under CN=Databases. */
static int ensure_server(struct sambex_prov *p, struct ldb_dn *group, const char *group_legacy,
			 const struct sambex_prov_names *n)
{
	TALLOC_CTX *tmp = talloc_new(p);
	struct ldb_dn *servers = sambex_prov_child(tmp, group, "Servers");
	struct ldb_dn *dbs = sambex_prov_child(tmp, group, "Databases");
	struct ldb_dn *server = sambex_prov_child(tmp, servers, n->server);
	const char *fqdn = n->fqdn ? n->fqdn : talloc_asprintf(tmp, "%s.%s", n->server, p->dns_domain);
	/* MS-OXCRPC §4.1 szDNPrefix shape: <group>/cn=Configuration/cn=Servers/cn=<server> */
	const char *legacy = talloc_asprintf(tmp, "%s/cn=Configuration/cn=Servers/cn=%s",
					     group_legacy, n->server);
	const char *server_kv[] = {
		"legacyExchangeDN", legacy,
		"msExchCurrentServerRoles", "6",	/* Mailbox (2) + Client Access (4) */
		"networkAddress", talloc_asprintf(tmp, "ncacn_ip_tcp:%s", fqdn),
		"networkAddress", talloc_asprintf(tmp, "netbios:%s", n->server),
		"serialNumber", "Version 14.3 (Build 123.4)",	/* Exchange 2010 SP3 form, [U] */
		NULL,
	};
	const char *db_kv[] = {
		"legacyExchangeDN", talloc_asprintf(tmp, "%s/cn=Microsoft Private MDB", legacy),
		"msExchOwningServer", ldb_dn_get_linearized(server),
		NULL,
	};
	struct ldb_dn *db = sambex_prov_child(tmp, dbs, talloc_asprintf(tmp, "Mailbox Database %s",
									 n->server));
	int r = SAMBEX_PROV_FAILED;

	if (sambex_prov_ensure(p, servers, "msExchServersContainer", NULL) == SAMBEX_PROV_OK &&
	    sambex_prov_ensure(p, dbs, "msExchContainer", NULL) == SAMBEX_PROV_OK &&
	    sambex_prov_ensure(p, server, "msExchExchangeServer", server_kv) == SAMBEX_PROV_OK &&
	    sambex_prov_ensure(p, db, "msExchPrivateMDB", db_kv) == SAMBEX_PROV_OK)
		r = SAMBEX_PROV_OK;
	talloc_free(tmp);
	return r;
}

/* The organization's own objects, its admin group, and the roots on CN=Microsoft Exchange. */
static int build_tree(struct sambex_prov *p, const struct sambex_prov_names *n)
{
	TALLOC_CTX *tmp = talloc_new(p);
	struct ldb_dn *exch = sambex_prov_exchange_dn(tmp, p);
	struct ldb_dn *org = sambex_prov_child(tmp, exch, n->org);
	struct ldb_dn *groups = sambex_prov_child(tmp, org, "Administrative Groups");
	struct ldb_dn *group = sambex_prov_child(tmp, groups, n->admin_group);
	const char *org_legacy = talloc_asprintf(tmp, "/o=%s", n->org);
	const char *group_legacy = talloc_asprintf(tmp, "%s/ou=%s", org_legacy, n->admin_group);
	const char *org_kv[] = { "legacyExchangeDN", org_legacy, "adminDescription", SAMBEX_ORG_MARK,
				 NULL };
	const char *group_kv[] = { "legacyExchangeDN", group_legacy, NULL };
	struct ldb_dn *all = NULL, *gal = NULL, *templates = NULL;
	int r = SAMBEX_PROV_FAILED;

	if (sambex_prov_ensure(p, exch, "msExchConfigurationContainer", NULL) == SAMBEX_PROV_OK &&
	    sambex_prov_ensure(p, org, "msExchOrganizationContainer", org_kv) == SAMBEX_PROV_OK &&
	    ensure_address_lists(p, org, &all, &gal) == SAMBEX_PROV_OK &&
	    ensure_templates(p, org, &templates) == SAMBEX_PROV_OK &&
	    sambex_prov_add_values(p, exch, "addressBookRoots", ldb_dn_get_linearized(all)) ==
		    SAMBEX_PROV_OK &&
	    sambex_prov_add_values(p, exch, "globalAddressList", ldb_dn_get_linearized(gal)) ==
		    SAMBEX_PROV_OK &&
	    sambex_prov_add_values(p, exch, "templateRoots", ldb_dn_get_linearized(templates)) ==
		    SAMBEX_PROV_OK &&
	    sambex_prov_ensure(p, groups, "msExchAdminGroupContainer", NULL) == SAMBEX_PROV_OK &&
	    sambex_prov_ensure(p, group, "msExchAdminGroup", group_kv) == SAMBEX_PROV_OK &&
	    ensure_server(p, group, group_legacy, n) == SAMBEX_PROV_OK)
		r = SAMBEX_PROV_OK;
	talloc_free(tmp);
	return r;
}

/* Each name becomes one RDN value of an x500 DN (legacyExchangeDN): at most 64 characters and no
 * '/', which separates the RDNs (MS-OXOABK §2.2.1.1). */
static int check_name(struct sambex_prov *p, const char *what, const char *name)
{
	if (name == NULL || name[0] == '\0' || strlen(name) > 64 || strchr(name, '/') != NULL)
		return sambex_prov_fail(p, "the %s name '%s' must be 1 to 64 characters without '/' "
					"(it becomes part of legacyExchangeDN)", what, name ? name : "");
	return SAMBEX_PROV_OK;
}

int sambex_prov_names_check(struct sambex_prov *p, const struct sambex_prov_names *n)
{
	if (check_name(p, "organization", n->org) != SAMBEX_PROV_OK ||
	    check_name(p, "administrative group", n->admin_group) != SAMBEX_PROV_OK ||
	    check_name(p, "server", n->server) != SAMBEX_PROV_OK)
		return SAMBEX_PROV_FAILED;
	return SAMBEX_PROV_OK;
}

int sambex_prov_org_create(struct sambex_prov *p, const struct sambex_prov_names *n)
{
	struct ldb_dn *org_dn = NULL;
	const char *existing = NULL;
	TALLOC_CTX *tmp = talloc_new(p);

	if (sambex_prov_find_org(tmp, p, &org_dn, &existing) == SAMBEX_PROV_OK &&
	    strcasecmp(existing, n->org) != 0) {
		int r = sambex_prov_fail(p, "an Exchange organization named '%s' already exists; "
					 "use --org '%s' or join it with --additional-server",
					 existing, existing);
		talloc_free(tmp);
		return r;
	}
	talloc_free(tmp);
	unsigned before = p->changes;
	if (sambex_prov_begin(p) != SAMBEX_PROV_OK)
		return SAMBEX_PROV_FAILED;
	if (build_tree(p, n) != SAMBEX_PROV_OK) {
		sambex_prov_cancel(p);
		p->changes = before;
		return SAMBEX_PROV_FAILED;
	}
	return sambex_prov_commit(p);
}

/* The admin group to join: the named one, or the first one found. */
static int find_group(TALLOC_CTX *mem_ctx, struct sambex_prov *p, struct ldb_dn *org,
		      const char *wanted, struct ldb_message **out)
{
	static const char *attrs[] = { "cn", "legacyExchangeDN", NULL };
	struct ldb_result *res = NULL;
	int rc = ldb_search(p->ldb, mem_ctx, &res, org, LDB_SCOPE_SUBTREE, attrs,
			    "(objectClass=msExchAdminGroup)");

	if (rc != LDB_SUCCESS || res->count == 0)
		return sambex_prov_fail(p, "the Exchange organization has no administrative group");
	for (unsigned i = 0; i < res->count; i++) {
		const char *cn = ldb_msg_find_attr_as_string(res->msgs[i], "cn", "");
		if (wanted == NULL || strcasecmp(cn, wanted) == 0) {
			*out = res->msgs[i];
			return SAMBEX_PROV_OK;
		}
	}
	return sambex_prov_fail(p, "the Exchange organization has no administrative group "
				"named '%s'", wanted);
}

int sambex_prov_join(struct sambex_prov *p, struct sambex_prov_names *n)
{
	TALLOC_CTX *tmp = talloc_new(p);
	struct ldb_dn *org = NULL;
	const char *org_name = NULL;
	struct ldb_message *group = NULL;

	if (sambex_prov_find_org(tmp, p, &org, &org_name) != SAMBEX_PROV_OK ||
	    find_group(tmp, p, org, n->admin_group, &group) != SAMBEX_PROV_OK) {
		talloc_free(tmp);
		return SAMBEX_PROV_FAILED;
	}
	const char *group_legacy = ldb_msg_find_attr_as_string(group, "legacyExchangeDN", NULL);
	if (group_legacy == NULL || !sambex_prov_exists(p, sambex_prov_child(tmp, group->dn,
									  "Servers")) ||
	    !sambex_prov_exists(p, sambex_prov_child(tmp, group->dn, "Databases"))) {
		int r = sambex_prov_fail(p, "the administrative group %s lacks legacyExchangeDN, "
					 "CN=Servers or CN=Databases; refusing to alter it",
					 ldb_dn_get_linearized(group->dn));
		talloc_free(tmp);
		return r;
	}
	n->org = talloc_strdup(p, org_name);
	n->admin_group = talloc_strdup(p, ldb_msg_find_attr_as_string(group, "cn", ""));
	unsigned before = p->changes;
	int r = sambex_prov_begin(p);
	if (r == SAMBEX_PROV_OK && ensure_server(p, group->dn, group_legacy, n) != SAMBEX_PROV_OK) {
		sambex_prov_cancel(p);
		p->changes = before;
		r = SAMBEX_PROV_FAILED;
	} else if (r == SAMBEX_PROV_OK) {
		r = sambex_prov_commit(p);
	}
	talloc_free(tmp);
	return r;
}

bool sambex_prov_org_is_ours(struct sambex_prov *p, struct ldb_dn *org)
{
	static const char *attrs[] = { "adminDescription", NULL };
	struct ldb_result *res = NULL;
	int rc = ldb_search(p->ldb, p, &res, org, LDB_SCOPE_BASE, attrs, "(objectClass=*)");
	bool ours = rc == LDB_SUCCESS && res->count == 1 &&
		    strcmp(ldb_msg_find_attr_as_string(res->msgs[0], "adminDescription", ""),
			   SAMBEX_ORG_MARK) == 0;

	talloc_free(res);
	return ours;
}
