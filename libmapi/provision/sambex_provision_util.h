/*
 * sambex_provision_util.h — small directory helpers shared by the provisioning files (internal).
 * Every helper records a message on p and returns SAMBEX_PROV_FAILED on failure.
 */
#ifndef SAMBEX_PROVISION_UTIL_H
#define SAMBEX_PROVISION_UTIL_H

#include "sambex_provision.h"

/* parent plus one RDN CN=<cn> (cn escaped); on mem_ctx. */
struct ldb_dn *sambex_prov_child(TALLOC_CTX *mem_ctx, struct ldb_dn *parent, const char *cn);

/* CN=Microsoft Exchange,CN=Services,<configuration NC>; on mem_ctx. */
struct ldb_dn *sambex_prov_exchange_dn(TALLOC_CTX *mem_ctx, struct sambex_prov *p);

/* Whether dn exists. */
bool sambex_prov_exists(struct sambex_prov *p, struct ldb_dn *dn);

/* Adds dn with objectClass cls and the attribute/value pairs of kv (NULL-terminated, a NULL
 * name ends it) unless dn exists; counts and reports an addition. */
int sambex_prov_ensure(struct sambex_prov *p, struct ldb_dn *dn, const char *cls,
		       const char *const *kv);

/* Adds value to the multi-valued attribute attr of dn unless it is there already. */
int sambex_prov_add_values(struct sambex_prov *p, struct ldb_dn *dn, const char *attr,
			   const char *value);

/* Deletes the value of attr on dn when present (no error when absent). */
int sambex_prov_del_value(struct sambex_prov *p, struct ldb_dn *dn, const char *attr,
			  const char *value);

/* Whether Sambex created the organization at org (its adminDescription mark). */
bool sambex_prov_org_is_ours(struct sambex_prov *p, struct ldb_dn *org);

#endif
