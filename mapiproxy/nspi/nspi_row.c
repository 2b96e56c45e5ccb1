/*
 * nspi_row: one entry's property values (MS-OXNSPI 3.1.4.1.6, 3.1.4.1.7; MS-OXOABK 2.2.3).
 */
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <string.h>

#include "nspi_row.h"
#include "nspi_attrmap.h"
#include "mapi_guid.h"
#include "mapi_le.h"
#include "mapi_status.h"

#define CP_UTF8 65001

/* MS-OXNSPI 2.2.1.7 */
static const uint8_t guid_nspi[16] = { 0xDC, 0xA7, 0x40, 0xC8, 0xC0, 0x42, 0x10, 0x1A,
				       0xB4, 0xB9, 0x08, 0x00, 0x2B, 0x2F, 0xE1, 0x82 };

/* MAPI object types (MS-OXOABK 2.2.3.10) and display types (MS-OXNSPI 2.2.1.3). */
#define NSPI_OT_MAILUSER 6
#define NSPI_OT_DISTLIST 8
#define NSPI_DT_MAILUSER 0
#define NSPI_DT_DISTLIST 1
#define NSPI_DT_REMOTE_MAILUSER 6

/* Bytes of the UTF-8 character at s (left bytes remain): 1 for anything malformed. */
static size_t utf8_len(const unsigned char *s, size_t left)
{
	size_t n = s[0] >= 0xF8 ? 1 : s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC0 ? 2 : 1;

	if (n > left) {
		return 1;
	}
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			return 1;
		}
	}
	return n;
}

char *nspi_row_to_codepage(TALLOC_CTX *mem_ctx, const char *s, uint32_t cp)
{
	char name[16];
	size_t in_left = strlen(s), out_left = in_left + 1;
	char *out, *in = (char *)s, *o;
	iconv_t cd;

	if (cp == CP_UTF8) {
		return talloc_strdup(mem_ctx, s);
	}
	snprintf(name, sizeof(name), "CP%u", cp);
	cd = iconv_open(name, "UTF-8");
	if (cd == (iconv_t)-1) {
		return NULL;
	}
	/* An 8-bit code page never takes more bytes than UTF-8 does. */
	out = talloc_array(mem_ctx, char, out_left);
	o = out;
	while (out != NULL && in_left > 0) {
		if (iconv(cd, &in, &in_left, &o, &out_left) != (size_t)-1) {
			break;
		}
		if ((errno != EILSEQ && errno != EINVAL) || out_left < 2) {
			break;	/* no E2BIG with 8-bit output; never write past out */
		}
		/* Not in the code page: '?' for the whole character (3.1.4.3.3). */
		size_t skip = utf8_len((const unsigned char *)in, in_left);

		in += skip;
		in_left -= skip;
		*o++ = '?';
		out_left--;
	}
	iconv_close(cd);
	if (out != NULL) {
		*o = '\0';
	}
	return out;
}

char *nspi_row_from_codepage(TALLOC_CTX *mem_ctx, const char *s, uint32_t cp)
{
	char name[16];
	size_t in_left = strlen(s), out_left = 4 * in_left + 1;
	char *out, *in = (char *)s, *o;
	iconv_t cd;

	if (cp == CP_UTF8) {
		return talloc_strdup(mem_ctx, s);
	}
	snprintf(name, sizeof(name), "CP%u", cp);
	cd = iconv_open("UTF-8", name);
	if (cd == (iconv_t)-1) {
		return NULL;
	}
	/* A byte of an 8-bit code page is at most 4 bytes of UTF-8. */
	out = talloc_array(mem_ctx, char, out_left);
	o = out;
	if (out != NULL && iconv(cd, &in, &in_left, &o, &out_left) == (size_t)-1) {
		TALLOC_FREE(out);	/* not text of that code page: no string */
	}
	iconv_close(cd);
	if (out != NULL) {
		*o = '\0';
	}
	return out;
}

static bool has_class(const struct nspi_entry *e, const char *cls)
{
	struct ldb_message_element *el = ldb_msg_find_element(e->msg, "objectClass");

	for (unsigned i = 0; el != NULL && i < el->num_values; i++) {
		if (el->values[i].length == strlen(cls) &&
		    strncasecmp((const char *)el->values[i].data, cls, el->values[i].length) == 0) {
			return true;
		}
	}
	return false;
}

uint32_t nspi_row_display_type(const struct nspi_entry *e)
{
	if (e != NULL && has_class(e, "group")) {
		return NSPI_DT_DISTLIST;
	}
	if (e != NULL && has_class(e, "contact")) {
		return NSPI_DT_REMOTE_MAILUSER;
	}
	return NSPI_DT_MAILUSER;
}

const char *nspi_row_entry_dn(TALLOC_CTX *mem_ctx, const struct nspi_entry *e)
{
	const char *dn = ldb_msg_find_attr_as_string(e->msg, "legacyExchangeDN", NULL);
	const struct ldb_val *guid;
	char *s;

	if (dn != NULL && dn[0] != '\0') {
		return dn;
	}
	guid = ldb_msg_find_ldb_val(e->msg, "objectGUID");
	if (guid == NULL || guid->length != 16) {
		return NULL;
	}
	/* An x500-dn (MS-OXOABK 2.2.1.1) naming the object by GUID until provisioning sets one. */
	s = talloc_strdup(mem_ctx, NSPI_ROW_FALLBACK_DN_PREFIX);
	for (size_t i = 0; s != NULL && i < 16; i++) {
		s = talloc_asprintf_append_buffer(s, "%02X", guid->data[i]);
	}
	return s;
}

static void set_error(struct nspi_PropertyValue_r *v, uint32_t tag)
{
	v->ulPropTag = (tag & 0xFFFF0000U) | NSPI_PT_ERROR;
	v->ulReserved = 0;
	v->Value.err = (int32_t)MAPI_E_NOT_FOUND;
}

static bool set_binary(TALLOC_CTX *mem_ctx, struct nspi_PropertyValue_r *v, const uint8_t *b,
		       size_t n)
{
	uint8_t *copy = talloc_memdup(mem_ctx, b, n);

	if (copy == NULL) {
		return false;
	}
	v->Value.bin.cb = (uint32_t)n;
	v->Value.bin.lpb = copy;
	return true;
}

/* MS-OXNSPI 2.2.9.3 (permanent) or 2.2.9.2 (ephemeral). */
static bool entry_id(TALLOC_CTX *mem_ctx, const struct nspi_row_context *rc,
		     const struct nspi_entry *e, bool ephemeral, struct nspi_PropertyValue_r *v)
{
	const char *dn = ephemeral ? "" : nspi_row_entry_dn(mem_ctx, e);
	size_t n = ephemeral ? 32 : 28 + (dn != NULL ? strlen(dn) + 1 : 0);
	uint8_t *b;

	if (dn == NULL || (b = talloc_zero_array(mem_ctx, uint8_t, n)) == NULL) {
		return false;
	}
	b[0] = ephemeral ? 0x87 : 0x00;
	if (ephemeral) {
		mapi_guid_to_wire(&rc->server_guid, b + 4);
	} else {
		memcpy(b + 4, guid_nspi, 16);
	}
	mapi_le32_put(b + 20, 1);
	mapi_le32_put(b + 24, nspi_row_display_type(e));
	if (ephemeral) {
		mapi_le32_put(b + 28, e->mid);
	} else {
		memcpy(b + 28, dn, strlen(dn) + 1);
	}
	v->Value.bin.cb = (uint32_t)n;
	v->Value.bin.lpb = b;
	return true;
}

/* A string value in the type asked: 8-bit strings converted to the session's code page. */
static bool set_string(TALLOC_CTX *mem_ctx, const struct nspi_row_context *rc, uint32_t type,
		       const char *s, const char **out)
{
	*out = type == NSPI_PT_STRING8 || type == NSPI_PT_MV_STRING8
	       ? nspi_row_to_codepage(mem_ctx, s, rc->code_page) : talloc_strdup(mem_ctx, s);
	return *out != NULL;
}

static bool attribute_value(TALLOC_CTX *mem_ctx, const struct nspi_row_context *rc,
			    const struct nspi_entry *e, const struct nspi_attrmap_entry *m,
			    uint32_t type, struct nspi_PropertyValue_r *v)
{
	struct ldb_message_element *el = ldb_msg_find_element(e->msg, m->attribute);
	uint32_t want = NSPI_PROP_TYPE(m->tag);

	if (el == NULL || el->num_values == 0 || want == NSPI_PT_OBJECT) {
		return false;	/* links are tables, not values */
	}
	if (want == NSPI_PT_BINARY) {
		return set_binary(mem_ctx, v, el->values[0].data, el->values[0].length);
	}
	if (want == NSPI_PT_MV_BINARY) {
		struct nspi_Binary_r *bins = talloc_zero_array(mem_ctx, struct nspi_Binary_r,
							      el->num_values);

		for (unsigned i = 0; bins != NULL && i < el->num_values; i++) {
			bins[i].cb = (uint32_t)el->values[i].length;
			bins[i].lpb = talloc_memdup(bins, el->values[i].data, el->values[i].length);
			if (bins[i].lpb == NULL && bins[i].cb > 0) {
				return false;
			}
		}
		v->Value.MVbin.cValues = el->num_values;
		v->Value.MVbin.lpbin = bins;
		return bins != NULL;
	}
	if (want == NSPI_PT_UNICODE) {
		const char *s = talloc_strndup(mem_ctx, (const char *)el->values[0].data,
					       el->values[0].length);

		return s != NULL && set_string(mem_ctx, rc, type,
					       s, type == NSPI_PT_STRING8 ? &v->Value.lpszA
									  : &v->Value.lpszW);
	}
	/* Multi-valued strings: both arms hold an array of char pointers. */
	const char **list = talloc_zero_array(mem_ctx, const char *, el->num_values);

	for (unsigned i = 0; list != NULL && i < el->num_values; i++) {
		const char *s = talloc_strndup(list, (const char *)el->values[i].data,
					       el->values[i].length);

		if (s == NULL || !set_string(list, rc, type, s, &list[i])) {
			return false;
		}
	}
	if (list == NULL) {
		return false;
	}
	if (type == NSPI_PT_MV_STRING8) {
		v->Value.MVszA.cValues = el->num_values;
		v->Value.MVszA.lppszA = list;
	} else {
		v->Value.MVszW.cValues = el->num_values;
		v->Value.MVszW.lppszW = list;
	}
	return true;
}

static bool computed_value(TALLOC_CTX *mem_ctx, const struct nspi_row_context *rc,
			   const struct nspi_entry *e, const struct nspi_attrmap_entry *m,
			   uint32_t type, struct nspi_PropertyValue_r *v)
{
	const char *s;
	uint8_t key[4];

	switch (m->source) {
	case NSPI_SRC_ENTRY_ID:
		return entry_id(mem_ctx, rc, e, rc->ephemeral_ids, v);
	case NSPI_SRC_RECORD_KEY:
		return entry_id(mem_ctx, rc, e, false, v);
	case NSPI_SRC_INSTANCE_KEY:
		mapi_le32_put(key, e->mid);
		return set_binary(mem_ctx, v, key, 4);
	case NSPI_SRC_SEARCH_KEY:
		s = nspi_row_entry_dn(mem_ctx, e);
		s = s != NULL ? talloc_asprintf(mem_ctx, "EX:%s", s) : NULL;
		if (s == NULL) {
			return false;
		}
		for (char *p = (char *)s; *p != '\0'; p++) {
			*p = (*p >= 'a' && *p <= 'z') ? (char)(*p - 'a' + 'A') : *p;
		}
		return set_binary(mem_ctx, v, (const uint8_t *)s, strlen(s) + 1);
	case NSPI_SRC_MAPPING_SIGNATURE:
		return set_binary(mem_ctx, v, guid_nspi, 16);
	case NSPI_SRC_OBJECT_TYPE:
		v->Value.l = nspi_row_display_type(e) == NSPI_DT_DISTLIST ? NSPI_OT_DISTLIST
									   : NSPI_OT_MAILUSER;
		return true;
	case NSPI_SRC_DISPLAY_TYPE:
		v->Value.l = (int32_t)nspi_row_display_type(e);
		return true;
	case NSPI_SRC_CONTAINER_ID:
		v->Value.l = (int32_t)rc->container_id;
		return true;
	case NSPI_SRC_ZERO:
		v->Value.l = 0;
		return true;
	case NSPI_SRC_ADDRESS_TYPE:
		s = "EX";
		break;
	case NSPI_SRC_EMAIL_ADDRESS:
		s = nspi_row_entry_dn(mem_ctx, e);
		break;
	default:
		return false;
	}
	return s != NULL && set_string(mem_ctx, rc, type, s,
				       type == NSPI_PT_STRING8 ? &v->Value.lpszA : &v->Value.lpszW);
}

bool nspi_row_value(TALLOC_CTX *mem_ctx, const struct nspi_row_context *rc,
		    const struct nspi_entry *e, uint32_t tag, struct nspi_PropertyValue_r *v)
{
	const struct nspi_attrmap_entry *m = nspi_attrmap_find(tag);
	uint32_t type = NSPI_PROP_TYPE(tag);
	bool ok;

	memset(v, 0, sizeof(*v));
	v->ulPropTag = tag;
	/* Only mapped tags in a type the table serves have values (MS-OXNSPI 3.1.4.1.7 rule 12). */
	if (e == NULL || m == NULL ||
	    (type != NSPI_PROP_TYPE(m->tag) && !nspi_attrmap_is_string_type(type))) {
		set_error(v, tag);
		return false;
	}
	ok = m->source == NSPI_SRC_ATTRIBUTE ? attribute_value(mem_ctx, rc, e, m, type, v)
					     : computed_value(mem_ctx, rc, e, m, type, v);
	if (!ok) {
		memset(&v->Value, 0, sizeof(v->Value));
		set_error(v, tag);
	}
	return ok;
}

struct nspi_PropertyTagArray_r *nspi_row_prop_list(TALLOC_CTX *mem_ctx,
						   const struct nspi_row_context *rc,
						   const struct nspi_entry *e, bool skip_objects)
{
	struct nspi_PropertyTagArray_r *list = talloc_zero(mem_ctx, struct nspi_PropertyTagArray_r);
	TALLOC_CTX *tmp = talloc_new(mem_ctx);

	if (list == NULL || tmp == NULL ||
	    (list->aulPropTag = talloc_zero_array(list, uint32_t,
						  nspi_attrmap_count + 1)) == NULL) {
		talloc_free(tmp);
		return NULL;
	}
	for (size_t i = 0; i < nspi_attrmap_count; i++) {
		uint32_t tag = nspi_attrmap[i].tag;
		uint32_t type = NSPI_PROP_TYPE(tag);
		struct nspi_PropertyValue_r v;

		if (type == NSPI_PT_OBJECT) {
			if (!skip_objects &&
			    ldb_msg_find_element(e->msg, nspi_attrmap[i].attribute) != NULL) {
				list->aulPropTag[list->cValues++] = tag;
			}
			continue;
		}
		if (!nspi_row_value(tmp, rc, e, tag, &v)) {
			continue;
		}
		/* Rule 4: strings are listed as PtypString8. */
		if (type == NSPI_PT_UNICODE || type == NSPI_PT_MV_UNICODE) {
			tag = (tag & 0xFFFF0000U) |
			      (type == NSPI_PT_UNICODE ? NSPI_PT_STRING8 : NSPI_PT_MV_STRING8);
		}
		list->aulPropTag[list->cValues++] = tag;
	}
	talloc_free(tmp);
	return list;
}
