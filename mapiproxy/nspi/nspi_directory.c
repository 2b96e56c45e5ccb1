/*
 * nspi_directory: sam.ldb with the caller's token, every request untrusted (see the header and
 * docs/directory-access.md for why both matter).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <util/data_blob.h>
#include <util/time.h>
#include <core/ntstatus.h>
#include <core/werror.h>	/* before gen_ndr/auth.h, which uses WERROR */
#include <gen_ndr/security.h>
#include <gen_ndr/auth.h>
#include <param.h>
#include <ldb_wrap.h>
#include <ldb_module.h>	/* ldb_req_mark_untrusted */

#include "nspi_directory.h"

struct nspi_directory_config {
	struct tevent_context *ev;
	struct loadparm_context *lp_ctx;
	const char *url;
};

const char *nspi_directory_result_string(enum nspi_directory_result result)
{
	switch (result) {
	case NSPI_DIRECTORY_OK: return "ok";
	case NSPI_DIRECTORY_NO_IDENTITY: return "no caller identity";
	case NSPI_DIRECTORY_UNAVAILABLE: return "directory unavailable";
	case NSPI_DIRECTORY_TOO_MANY: return "too many entries";
	case NSPI_DIRECTORY_DENIED: return "access denied";
	case NSPI_DIRECTORY_FAILED: return "directory error";
	}
	return "unknown";
}

struct nspi_directory_config *nspi_directory_config_load(TALLOC_CTX *mem_ctx,
							 struct tevent_context *ev,
							 const char *smb_conf, const char *url)
{
	struct nspi_directory_config *config = talloc_zero(mem_ctx, struct nspi_directory_config);

	if (config == NULL) {
		return NULL;
	}
	config->ev = ev;
	if (smb_conf == NULL) {
		return config;
	}
	config->lp_ctx = loadparm_init_global(false);
	if (config->lp_ctx == NULL || !lpcfg_load(config->lp_ctx, smb_conf)) {
		fprintf(stderr, "sambexd: cannot load %s\n", smb_conf);
		talloc_free(config);
		return NULL;
	}
	config->url = url != NULL ? talloc_strdup(config, url)
				  : talloc_asprintf(config, "%s/sam.ldb",
						    lpcfg_private_dir(config->lp_ctx));
	if (config->url == NULL) {
		talloc_free(config);
		return NULL;
	}
	return config;
}

/* One decimal field of a SID string at *p, up to max; advances *p. */
static bool parse_number(const char **p, uint64_t max, uint64_t *value)
{
	char *end;
	unsigned long long v;

	if (**p < '0' || **p > '9') {
		return false;
	}
	errno = 0;
	v = strtoull(*p, &end, 10);
	if (errno != 0 || v > max) {
		return false;
	}
	*p = end;
	*value = v;
	return true;
}

/* MS-DTYP 2.4.2.1: S-<revision>-<authority>[-<sub-authority>]... */
bool nspi_directory_parse_sid(const char *s, struct dom_sid *sid)
{
	const char *p = s;
	uint64_t v;

	memset(sid, 0, sizeof(*sid));
	if (s == NULL || strncmp(p, "S-", 2) != 0) {
		return false;
	}
	p += 2;
	if (!parse_number(&p, 255, &v)) {
		return false;
	}
	sid->sid_rev_num = (uint8_t)v;
	if (*p++ != '-' || !parse_number(&p, 0xFFFFFFFFFFFFULL, &v)) {
		return false;
	}
	for (int i = 0; i < 6; i++) {
		sid->id_auth[i] = (uint8_t)(v >> (8 * (5 - i)));
	}
	while (*p == '-') {
		p++;
		if (sid->num_auths >= 15 || !parse_number(&p, UINT32_MAX, &v)) {
			return false;
		}
		sid->sub_auths[sid->num_auths++] = (uint32_t)v;
	}
	return *p == '\0';
}

/* A session whose token is exactly sids: what Samba's ACL modules read (sessionInfo opaque). */
static struct auth_session_info *make_session(TALLOC_CTX *mem_ctx, const char *account_name,
					      uint32_t num_sids, const char * const *sids)
{
	struct auth_session_info *si = talloc_zero(mem_ctx, struct auth_session_info);

	if (si == NULL) {
		return NULL;
	}
	si->security_token = talloc_zero(si, struct security_token);
	si->info = talloc_zero(si, struct auth_user_info);
	if (si->security_token == NULL || si->info == NULL) {
		talloc_free(si);
		return NULL;
	}
	si->security_token->sids = talloc_zero_array(si->security_token, struct dom_sid, num_sids);
	if (si->security_token->sids == NULL) {
		talloc_free(si);
		return NULL;
	}
	for (uint32_t i = 0; i < num_sids; i++) {
		if (!nspi_directory_parse_sid(sids[i], &si->security_token->sids[i])) {
			talloc_free(si);
			return NULL;
		}
	}
	si->security_token->num_sids = num_sids;
	si->info->account_name = talloc_strdup(si->info, account_name != NULL ? account_name : "");
	return si;
}

enum nspi_directory_result nspi_directory_open(TALLOC_CTX *mem_ctx,
					       const struct nspi_directory_config *config,
					       const char *account_name, uint32_t num_sids,
					       const char * const *sids, struct ldb_context **ldb_r)
{
	struct auth_session_info *si;
	struct ldb_context *ldb;

	if (config == NULL || config->lp_ctx == NULL) {
		return NSPI_DIRECTORY_UNAVAILABLE;
	}
	if (num_sids == 0 || sids == NULL) {
		return NSPI_DIRECTORY_NO_IDENTITY;
	}
	si = make_session(mem_ctx, account_name, num_sids, sids);
	if (si == NULL) {
		return NSPI_DIRECTORY_NO_IDENTITY;
	}
	ldb = ldb_wrap_connect(mem_ctx, config->ev, config->lp_ctx, config->url, si, NULL, 0);
	if (ldb == NULL) {
		talloc_free(si);
		return NSPI_DIRECTORY_UNAVAILABLE;
	}
	talloc_steal(ldb, si);	/* the session lives exactly as long as its connection */
	*ldb_r = ldb;
	return NSPI_DIRECTORY_OK;
}

/* Bytes of the names and values of msg, each with its NUL; false if that overflows. */
static bool packed_size(const struct ldb_message *msg, size_t *bytes_r, size_t *values_r)
{
	size_t bytes = 0, values = 0;

	for (unsigned i = 0; i < msg->num_elements; i++) {
		const struct ldb_message_element *el = &msg->elements[i];

		bytes += strlen(el->name) + 1;
		values += el->num_values;
		for (unsigned j = 0; j < el->num_values; j++) {
			if (el->values[j].length > SIZE_MAX / 2 - bytes) {
				return false;
			}
			bytes += el->values[j].length + 1;
		}
	}
	*bytes_r = bytes;
	*values_r = values;
	return true;
}

/* Copies el's name and values into the blob at *pos and vals (NUL after each, as ldb does). */
static void pack_element(struct ldb_message_element *out, const struct ldb_message_element *el,
			 struct ldb_val *vals, char *blob, size_t *pos)
{
	size_t len = strlen(el->name) + 1;

	out->flags = el->flags;
	out->name = memcpy(blob + *pos, el->name, len);
	*pos += len;
	out->num_values = el->num_values;
	out->values = vals;
	for (unsigned j = 0; j < el->num_values; j++) {
		vals[j].length = el->values[j].length;
		vals[j].data = (uint8_t *)blob + *pos;
		if (el->values[j].length > 0) {
			memcpy(vals[j].data, el->values[j].data, el->values[j].length);
		}
		vals[j].data[vals[j].length] = '\0';
		*pos += vals[j].length + 1;
	}
}

struct ldb_message *nspi_directory_pack(TALLOC_CTX *mem_ctx, struct ldb_context *ldb,
				       const struct ldb_message *msg)
{
	struct ldb_message *out;
	struct ldb_val *vals;
	size_t bytes, values, pos = 0, v = 0;
	char *blob;

	if (!packed_size(msg, &bytes, &values) || (out = ldb_msg_new(mem_ctx)) == NULL) {
		return NULL;
	}
	out->elements = talloc_zero_array(out, struct ldb_message_element, msg->num_elements + 1);
	vals = talloc_zero_array(out, struct ldb_val, values + 1);
	blob = talloc_size(out, bytes + 1);
	/* The DN as its string only: parsed (components, casefolded form) when first needed. */
	out->dn = msg->dn == NULL ? NULL
		  : ldb_dn_new(out, ldb, ldb_dn_get_linearized(msg->dn));
	if (out->elements == NULL || vals == NULL || blob == NULL ||
	    (msg->dn != NULL && out->dn == NULL)) {
		talloc_free(out);
		return NULL;
	}
	for (unsigned i = 0; i < msg->num_elements; i++) {
		pack_element(&out->elements[i], &msg->elements[i], vals + v, blob, &pos);
		v += msg->elements[i].num_values;
	}
	out->num_elements = msg->num_elements;
	return out;
}

struct bounded_search {
	struct ldb_context *ldb;
	struct ldb_result *res;
	unsigned max;
	bool too_many;
};

/* Keeps at most max entries; one more ends the request (so memory stays bounded). */
static int bounded_callback(struct ldb_request *req, struct ldb_reply *ares)
{
	struct bounded_search *s = req->context;
	struct ldb_message **msgs;

	if (ares == NULL) {
		return ldb_request_done(req, LDB_ERR_OPERATIONS_ERROR);
	}
	if (ares->error != LDB_SUCCESS) {
		int err = ares->error;

		talloc_free(ares);
		return ldb_request_done(req, err);
	}
	switch (ares->type) {
	case LDB_REPLY_ENTRY:
		if (s->res->count >= s->max) {
			s->too_many = true;
			talloc_free(ares);
			return ldb_request_done(req, LDB_ERR_SIZE_LIMIT_EXCEEDED);
		}
		msgs = talloc_realloc(s->res, s->res->msgs, struct ldb_message *,
				      s->res->count + 2);
		if (msgs == NULL) {
			talloc_free(ares);
			return ldb_request_done(req, LDB_ERR_OPERATIONS_ERROR);
		}
		s->res->msgs = msgs;
		/*
		 * A packed copy: the message ldb hands over keeps the object's whole stored record
		 * and a talloc block per value; sessions keep their GAL for their lifetime.
		 */
		msgs[s->res->count] = nspi_directory_pack(msgs, s->ldb, ares->message);
		if (msgs[s->res->count] == NULL) {
			talloc_free(ares);
			return ldb_request_done(req, LDB_ERR_OPERATIONS_ERROR);
		}
		msgs[++s->res->count] = NULL;
		break;
	case LDB_REPLY_REFERRAL:
		break;	/* other naming contexts are not part of this address book */
	case LDB_REPLY_DONE:
		talloc_free(ares);
		return ldb_request_done(req, LDB_SUCCESS);
	}
	talloc_free(ares);
	return LDB_SUCCESS;
}

static enum nspi_directory_result from_ldb(int ret)
{
	switch (ret) {
	case LDB_SUCCESS: return NSPI_DIRECTORY_OK;
	case LDB_ERR_SIZE_LIMIT_EXCEEDED: return NSPI_DIRECTORY_TOO_MANY;
	case LDB_ERR_INSUFFICIENT_ACCESS_RIGHTS:
	case LDB_ERR_STRONG_AUTH_REQUIRED:
	case LDB_ERR_CONSTRAINT_VIOLATION:
		return NSPI_DIRECTORY_DENIED;
	default: return NSPI_DIRECTORY_FAILED;
	}
}

enum nspi_directory_result nspi_directory_search(TALLOC_CTX *mem_ctx, struct ldb_context *ldb,
						 struct ldb_dn *base, enum ldb_scope scope,
						 const char *filter, const char * const *attrs,
						 unsigned max_entries, struct ldb_result **res_r)
{
	struct bounded_search *s;
	struct ldb_request *req;
	int ret;

	if (filter == NULL) {
		return NSPI_DIRECTORY_FAILED;	/* ldb reads "no filter" as "all" */
	}
	s = talloc_zero(mem_ctx, struct bounded_search);
	if (s == NULL || (s->res = talloc_zero(mem_ctx, struct ldb_result)) == NULL) {
		talloc_free(s);
		return NSPI_DIRECTORY_FAILED;
	}
	s->ldb = ldb;
	s->max = max_entries < NSPI_DIRECTORY_MAX_ENTRIES ? max_entries
						     : NSPI_DIRECTORY_MAX_ENTRIES;
	ret = ldb_build_search_req(&req, ldb, s, base != NULL ? base : ldb_get_default_basedn(ldb),
				   scope, filter, (const char **)attrs, NULL, s, bounded_callback,
				   NULL);
	if (ret == LDB_SUCCESS) {
		ldb_req_mark_untrusted(req);	/* else no read ACL applies */
		ret = ldb_request(ldb, req);
	}
	if (ret == LDB_SUCCESS) {
		ret = ldb_wait(req->handle, LDB_WAIT_ALL);
	}
	if (s->too_many) {
		ret = LDB_ERR_SIZE_LIMIT_EXCEEDED;
	}
	if (ret != LDB_SUCCESS) {
		talloc_free(s->res);
		talloc_free(s);
		return from_ldb(ret);
	}
	*res_r = s->res;
	talloc_free(s);
	return NSPI_DIRECTORY_OK;
}

enum nspi_directory_result nspi_directory_modify(struct ldb_context *ldb,
						 const struct ldb_message *msg)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	struct ldb_request *req;
	int ret;

	if (tmp == NULL) {
		return NSPI_DIRECTORY_FAILED;
	}
	/* A write needs a transaction (the partition modules count sequence numbers in one). */
	ret = ldb_transaction_start(ldb);
	if (ret == LDB_SUCCESS) {
		ret = ldb_build_mod_req(&req, ldb, tmp, msg, NULL, NULL, ldb_op_default_callback,
					NULL);
	}
	if (ret == LDB_SUCCESS) {
		ldb_req_mark_untrusted(req);	/* the write ACLs apply to the caller */
		ret = ldb_request(ldb, req);
	}
	if (ret == LDB_SUCCESS) {
		ret = ldb_wait(req->handle, LDB_WAIT_ALL);
	}
	if (ret == LDB_SUCCESS) {
		ret = ldb_transaction_commit(ldb);
	} else if (ldb_transaction_cancel_noerr(ldb) != LDB_SUCCESS) {
		ret = LDB_ERR_OPERATIONS_ERROR;
	}
	if (ret != LDB_SUCCESS && getenv("SAMBEXD_DEBUG_LDB") != NULL) {
		fprintf(stderr, "sambexd: modify %s: %s\n", ldb_dn_get_linearized(msg->dn),
			ldb_errstring(ldb));
	}
	talloc_free(tmp);
	return from_ldb(ret);
}
