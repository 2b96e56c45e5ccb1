/*
 * sambex_provision_deprov.c — undoing `sambex provision`: this server, and the organization when
 * Sambex made it and no server is left. Schema objects stay: AD never deletes them (MS-ADTS
 * §3.1.1.2: schema objects can only be made defunct, which Samba 4.17 does not support).
 */
#include <string.h>

#include <ldb.h>

#include "sambex_provision.h"
#include "sambex_provision_util.h"

static int tree_delete(struct sambex_prov *p, struct ldb_dn *dn)
{
	struct ldb_request *req = NULL;
	TALLOC_CTX *tmp = talloc_new(p);
	int rc = ldb_build_del_req(&req, p->ldb, tmp, dn, NULL, NULL, ldb_op_default_callback, NULL);

	if (rc == LDB_SUCCESS)
		rc = ldb_request_add_control(req, LDB_CONTROL_TREE_DELETE_OID, true, NULL);
	if (rc == LDB_SUCCESS)
		rc = ldb_request(p->ldb, req);
	if (rc == LDB_SUCCESS)
		rc = ldb_wait(req->handle, LDB_WAIT_ALL);
	talloc_free(tmp);
	if (rc != LDB_SUCCESS && rc != LDB_ERR_NO_SUCH_OBJECT)
		return sambex_prov_fail(p, "cannot delete %s: %s", ldb_dn_get_linearized(dn),
					ldb_errstring(p->ldb));
	if (rc == LDB_SUCCESS) {
		sambex_prov_say(p, "deleted %s", ldb_dn_get_linearized(dn));
		p->changes++;
	}
	return SAMBEX_PROV_OK;
}

/* Removes the mailboxes of users matching filter (e.g. homed on a database being deleted). */
static int disable_users(struct sambex_prov *p, const char *filter)
{
	static const char *attrs[] = { "sAMAccountName", NULL };
	struct ldb_result *res = NULL;
	TALLOC_CTX *tmp = talloc_new(p);
	int rc = ldb_search(p->ldb, tmp, &res, p->root_dn, LDB_SCOPE_SUBTREE, attrs, "%s", filter);

	if (rc != LDB_SUCCESS) {
		talloc_free(tmp);
		return sambex_prov_fail(p, "cannot find the mailbox users: %s", ldb_errstring(p->ldb));
	}
	for (unsigned i = 0; i < res->count; i++) {
		const char *name = ldb_msg_find_attr_as_string(res->msgs[i], "sAMAccountName", "");
		bool changed = false;
		if (sambex_prov_user_disable(p, name, &changed) != SAMBEX_PROV_OK) {
			talloc_free(tmp);
			return SAMBEX_PROV_FAILED;
		}
		if (changed)
			sambex_prov_say(p, "removed the mailbox of %s", name);
	}
	talloc_free(tmp);
	return SAMBEX_PROV_OK;
}

static unsigned count_children(struct sambex_prov *p, struct ldb_dn *base, int scope,
			       const char *filter)
{
	static const char *attrs[] = { "cn", NULL };
	struct ldb_result *res = NULL;
	int rc = ldb_search(p->ldb, p, &res, base, scope, attrs, "%s", filter);
	unsigned n = rc == LDB_SUCCESS ? res->count : 0;

	talloc_free(res);
	return n;
}

/* The server's databases and their users, then the server object. */
static int remove_server(struct sambex_prov *p, const struct sambex_prov_home *h)
{
	static const char *attrs[] = { "cn", NULL };
	struct ldb_result *res = NULL;
	TALLOC_CTX *tmp = talloc_new(p);
	char *server = ldb_binary_encode_string(tmp, ldb_dn_get_linearized(h->server_dn));
	int rc = ldb_search(p->ldb, tmp, &res, p->config_dn, LDB_SCOPE_SUBTREE, attrs,
			    "(&(objectClass=msExchPrivateMDB)(msExchOwningServer=%s))", server);

	for (unsigned i = 0; rc == LDB_SUCCESS && i < res->count; i++) {
		char *db = ldb_binary_encode_string(tmp, ldb_dn_get_linearized(res->msgs[i]->dn));
		char *filter = talloc_asprintf(tmp, "(&(objectClass=user)(homeMDB=%s))", db);
		if (disable_users(p, filter) != SAMBEX_PROV_OK ||
		    tree_delete(p, res->msgs[i]->dn) != SAMBEX_PROV_OK) {
			talloc_free(tmp);
			return SAMBEX_PROV_FAILED;
		}
	}
	talloc_free(tmp);
	return tree_delete(p, h->server_dn);
}

/* The org tree, the roots that point into it, and CN=Microsoft Exchange once it is empty. */
static int remove_org(struct sambex_prov *p, struct ldb_dn *org)
{
	static const char *attrs[] = { "addressBookRoots", "globalAddressList", "templateRoots", NULL };
	struct ldb_result *res = NULL;
	TALLOC_CTX *tmp = talloc_new(p);
	struct ldb_dn *exch = sambex_prov_exchange_dn(tmp, p);
	int rc = ldb_search(p->ldb, tmp, &res, exch, LDB_SCOPE_BASE, attrs, "(objectClass=*)");

	for (unsigned a = 0; rc == LDB_SUCCESS && res->count == 1 && attrs[a] != NULL; a++) {
		struct ldb_message_element *el = ldb_msg_find_element(res->msgs[0], attrs[a]);
		for (unsigned i = 0; el != NULL && i < el->num_values; i++) {
			struct ldb_dn *v = ldb_dn_from_ldb_val(tmp, p->ldb, &el->values[i]);
			if (v == NULL || ldb_dn_compare_base(org, v) != 0)
				continue;
			if (sambex_prov_del_value(p, exch, attrs[a],
						  ldb_dn_get_linearized(v)) != SAMBEX_PROV_OK) {
				talloc_free(tmp);
				return SAMBEX_PROV_FAILED;
			}
		}
	}
	int r = disable_users(p, "(&(objectClass=user)(mailNickname=*)(homeMDB=*))");
	if (r == SAMBEX_PROV_OK)
		r = tree_delete(p, org);
	if (r == SAMBEX_PROV_OK && count_children(p, exch, LDB_SCOPE_ONELEVEL, "(objectClass=*)") == 0)
		r = tree_delete(p, exch);
	talloc_free(tmp);
	return r;
}

int sambex_prov_deprovision(struct sambex_prov *p, const char *server)
{
	struct sambex_prov_home *h = NULL;
	struct ldb_dn *org = NULL;
	const char *org_name = NULL;
	TALLOC_CTX *tmp = talloc_new(p);

	if (count_children(p, sambex_prov_exchange_dn(tmp, p), LDB_SCOPE_ONELEVEL,
			   "(objectClass=msExchOrganizationContainer)") == 0) {
		sambex_prov_say(p, "no Exchange organization in this forest; nothing to remove");
		talloc_free(tmp);
		return SAMBEX_PROV_OK;
	}
	if (sambex_prov_find_org(tmp, p, &org, &org_name) != SAMBEX_PROV_OK) {
		talloc_free(tmp);
		return SAMBEX_PROV_FAILED;
	}
	unsigned before = p->changes;
	int r = sambex_prov_begin(p);
	if (r == SAMBEX_PROV_OK && sambex_prov_home_find(tmp, p, server, &h) == SAMBEX_PROV_OK)
		r = remove_server(p, h);
	else
		sambex_prov_say(p, "server %s is not registered; nothing to remove for it",
				server ? server : "(any)");
	unsigned servers = count_children(p, org, LDB_SCOPE_SUBTREE,
					  "(objectClass=msExchExchangeServer)");
	if (r == SAMBEX_PROV_OK && servers == 0 && sambex_prov_org_is_ours(p, org))
		r = remove_org(p, org);
	else if (r == SAMBEX_PROV_OK)
		sambex_prov_say(p, "organization %s kept (%s)", org_name,
				servers ? "other servers remain" : "not created by Sambex");
	if (r != SAMBEX_PROV_OK) {
		sambex_prov_cancel(p);
		p->changes = before;
	} else {
		r = sambex_prov_commit(p);
	}
	talloc_free(tmp);
	return r;
}
