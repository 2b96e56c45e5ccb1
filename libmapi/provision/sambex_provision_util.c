/*
 * sambex_provision_util.c — check-then-add helpers over ldb (see sambex_provision_util.h).
 */
#include <string.h>

#include <ldb.h>

#include "sambex_provision_util.h"

struct ldb_dn *sambex_prov_child(TALLOC_CTX *mem_ctx, struct ldb_dn *parent, const char *cn)
{
	struct ldb_dn *dn = ldb_dn_copy(mem_ctx, parent);
	struct ldb_val v = { .data = (uint8_t *)cn, .length = strlen(cn) };

	if (dn != NULL && !ldb_dn_add_child_val(dn, "CN", v)) {
		talloc_free(dn);
		return NULL;
	}
	return dn;
}

bool sambex_prov_exists(struct sambex_prov *p, struct ldb_dn *dn)
{
	static const char *attrs[] = { "objectClass", NULL };
	struct ldb_result *res = NULL;
	int rc = ldb_search(p->ldb, p, &res, dn, LDB_SCOPE_BASE, attrs, "(objectClass=*)");
	bool found = rc == LDB_SUCCESS && res->count == 1;

	talloc_free(res);
	return found;
}

int sambex_prov_ensure(struct sambex_prov *p, struct ldb_dn *dn, const char *cls,
		       const char *const *kv)
{
	if (dn == NULL)
		return sambex_prov_fail(p, "invalid name for a directory object");
	if (sambex_prov_exists(p, dn))
		return SAMBEX_PROV_OK;
	struct ldb_message *m = ldb_msg_new(p);
	m->dn = dn;
	ldb_msg_add_string(m, "objectClass", cls);
	for (int i = 0; kv != NULL && kv[i] != NULL; i += 2)
		ldb_msg_add_string(m, kv[i], kv[i + 1]);
	if (ldb_add(p->ldb, m) != LDB_SUCCESS) {
		int r = sambex_prov_fail(p, "cannot add %s: %s", ldb_dn_get_linearized(dn),
					 ldb_errstring(p->ldb));
		talloc_free(m);
		return r;
	}
	sambex_prov_say(p, "added %s", ldb_dn_get_linearized(dn));
	p->changes++;
	talloc_free(m);
	return SAMBEX_PROV_OK;
}

/* Whether attr of dn holds value (compared with the attribute's own matching rule). */
static bool has_value(struct sambex_prov *p, struct ldb_dn *dn, const char *attr,
		      const char *value)
{
	struct ldb_result *res = NULL;
	const char *attrs[] = { attr, NULL };
	char *escaped = ldb_binary_encode_string(p, value);
	int rc = ldb_search(p->ldb, p, &res, dn, LDB_SCOPE_BASE, attrs, "(%s=%s)", attr, escaped);
	bool found = rc == LDB_SUCCESS && res->count == 1;

	talloc_free(escaped);
	talloc_free(res);
	return found;
}

static int modify_value(struct sambex_prov *p, struct ldb_dn *dn, const char *attr,
			const char *value, int flag)
{
	struct ldb_message *m = ldb_msg_new(p);

	m->dn = dn;
	ldb_msg_add_empty(m, attr, flag, NULL);
	ldb_msg_add_string(m, attr, value);
	int rc = ldb_modify(p->ldb, m);
	talloc_free(m);
	if (rc != LDB_SUCCESS)
		return sambex_prov_fail(p, "cannot change %s of %s: %s", attr,
					ldb_dn_get_linearized(dn), ldb_errstring(p->ldb));
	p->changes++;
	return SAMBEX_PROV_OK;
}

int sambex_prov_add_values(struct sambex_prov *p, struct ldb_dn *dn, const char *attr,
			   const char *value)
{
	if (has_value(p, dn, attr, value))
		return SAMBEX_PROV_OK;
	if (modify_value(p, dn, attr, value, LDB_FLAG_MOD_ADD) != SAMBEX_PROV_OK)
		return SAMBEX_PROV_FAILED;
	sambex_prov_say(p, "set %s on %s", attr, ldb_dn_get_linearized(dn));
	return SAMBEX_PROV_OK;
}

int sambex_prov_del_value(struct sambex_prov *p, struct ldb_dn *dn, const char *attr,
			  const char *value)
{
	if (!has_value(p, dn, attr, value))
		return SAMBEX_PROV_OK;
	if (modify_value(p, dn, attr, value, LDB_FLAG_MOD_DELETE) != SAMBEX_PROV_OK)
		return SAMBEX_PROV_FAILED;
	sambex_prov_say(p, "removed %s from %s", attr, ldb_dn_get_linearized(dn));
	return SAMBEX_PROV_OK;
}
