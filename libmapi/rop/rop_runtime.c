/*
 * Helpers of the generated ROP codecs (see rop_runtime.h): the few steps that are more than one
 * call to libmapi/wire.
 */
#include <string.h>

#include "rop_runtime.h"

#define PTYP_STRING8 0x001E
#define PTYP_STRING 0x001F

uint32_t rop_pull_id(struct mapi_propval_reader *r, uint8_t rop_id)
{
	uint8_t v;
	uint32_t st = mapi_propval_pull_u8(r, &v);

	if (st != 0) {
		return st;
	}
	/* A caller dispatching on the id must not hand us another ROP's bytes. */
	return v == rop_id ? 0 : ecRpcFormat;
}

uint32_t rop_pull_response_head(struct mapi_propval_reader *r, uint8_t *handle_index,
				uint32_t *return_value)
{
	uint32_t st = mapi_propval_pull_u8(r, handle_index);

	if (st != 0) {
		return st;
	}
	return mapi_propval_pull_u32(r, return_value);
}

uint32_t rop_push_response_head(struct mapi_propval_writer *w, uint8_t rop_id,
				uint8_t handle_index, uint32_t return_value)
{
	uint32_t st = mapi_propval_push_u8(w, rop_id);

	if (st == 0) {
		st = mapi_propval_push_u8(w, handle_index);
	}
	if (st == 0) {
		st = mapi_propval_push_u32(w, return_value);
	}
	return st;
}

uint32_t rop_pull_bool(struct mapi_propval_reader *r, bool *v)
{
	uint8_t b;
	uint32_t st = mapi_propval_pull_u8(r, &b);

	if (st != 0) {
		return st;
	}
	/* Anything but 0/1 would not re-encode to the same bytes. */
	if (b > 1) {
		return ecRpcFormat;
	}
	*v = b == 1;
	return 0;
}

uint32_t rop_pull_bytes(struct mapi_propval_reader *r, uint8_t *out, size_t n)
{
	const uint8_t *p = mapi_propval_pull_bytes(r, n);

	if (p == NULL) {
		return ecRpcFormat;
	}
	memcpy(out, p, n);
	return 0;
}

uint32_t rop_pull_string(TALLOC_CTX *mem_ctx, struct mapi_propval_reader *r, uint16_t type,
			 char **s)
{
	struct mapi_propval pv;
	uint32_t st;

	if (type != PTYP_STRING8 && type != PTYP_STRING) {
		return MAPI_E_INVALID_PARAMETER;
	}
	st = mapi_propval_pull_value(mem_ctx, r, type, &pv);
	if (st != 0) {
		return st;
	}
	*s = pv.v.str;
	return 0;
}

uint32_t rop_push_string(struct mapi_propval_writer *w, uint16_t type, const char *s)
{
	struct mapi_propval pv = { .tag = type, .flag = MAPI_PROPVAL_FLAG_VALUE };

	if (s == NULL || (type != PTYP_STRING8 && type != PTYP_STRING)) {
		return MAPI_E_INVALID_PARAMETER;
	}
	/* mapi_propval only reads the string; the cast drops a const it does not need. */
	pv.v.str = (char *)s;
	return mapi_propval_push_value(w, type, &pv);
}

uint32_t rop_pull_row(TALLOC_CTX *mem_ctx, struct mapi_propval_reader *r,
		      const struct mapi_proptag_array *columns, struct mapi_proprow *row)
{
	if (columns == NULL) {
		return MAPI_E_INVALID_PARAMETER;
	}
	return mapi_proprow_pull(mem_ctx, r, columns, row);
}

uint32_t rop_push_row(struct mapi_propval_writer *w, const struct mapi_proptag_array *columns,
		      const struct mapi_proprow *row)
{
	if (columns == NULL) {
		return MAPI_E_INVALID_PARAMETER;
	}
	return mapi_proprow_push(w, columns, row);
}

uint32_t rop_pull_rowset(TALLOC_CTX *mem_ctx, struct mapi_propval_reader *r,
			 const struct mapi_proptag_array *columns, struct mapi_proprow_set *set)
{
	if (columns == NULL) {
		return MAPI_E_INVALID_PARAMETER;
	}
	return mapi_proprow_pull_set(mem_ctx, r, columns, set);
}

uint32_t rop_push_rowset(struct mapi_propval_writer *w, const struct mapi_proptag_array *columns,
			 const struct mapi_proprow_set *set)
{
	if (columns == NULL) {
		return MAPI_E_INVALID_PARAMETER;
	}
	return mapi_proprow_push_set(w, columns, set);
}

uint32_t rop_pull_restriction(TALLOC_CTX *mem_ctx, struct mapi_propval_reader *r,
			      struct mapi_restriction **res)
{
	struct mapi_restriction *out = talloc_zero(mem_ctx, struct mapi_restriction);
	uint32_t st;

	if (out == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	st = mapi_restriction_pull(mem_ctx, r, out);
	if (st != 0) {
		return st;
	}
	*res = out;
	return 0;
}

uint32_t rop_push_restriction(struct mapi_propval_writer *w, const struct mapi_restriction *res)
{
	if (res == NULL) {
		return MAPI_E_INVALID_PARAMETER;
	}
	return mapi_restriction_push(w, res);
}

uint32_t rop_pull_rest(TALLOC_CTX *mem_ctx, struct mapi_propval_reader *r,
		       struct mapi_binary *rest)
{
	size_t left = mapi_propval_reader_left(r);
	const uint8_t *p = mapi_propval_pull_bytes(r, left);

	rest->length = (uint32_t)left;
	rest->data = NULL;
	if (left == 0) {
		return 0;
	}
	rest->data = talloc_memdup(mem_ctx, p, left);
	return rest->data == NULL ? MAPI_E_NOT_ENOUGH_MEMORY : 0;
}

uint32_t rop_push_rest(struct mapi_propval_writer *w, const struct mapi_binary *rest)
{
	if (rest->length > 0 && rest->data == NULL) {
		return MAPI_E_INVALID_PARAMETER;
	}
	return rest->length > 0 ? mapi_propval_push_bytes(w, rest->data, rest->length) : 0;
}
