/*
 * crash_message.c — deterministic test messages for the crash test and their checksum.
 */
#include <string.h>

#include "crash_message.h"
#include "mapi_props.h"

/* splitmix64: a small, well-mixed generator; the message content only has to be reproducible. */
static uint64_t next(uint64_t *state)
{
	uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* Mostly small values, some above the 64 KiB blob threshold of backends/sql, a few of 1 MB. */
static uint32_t pick_size(uint64_t *state)
{
	uint64_t r = next(state);
	uint32_t p = (uint32_t)(r % 100);
	uint32_t x = (uint32_t)(r >> 32);
	if (p < 60)
		return 16 + x % 4080;
	if (p < 85)
		return 4096 + x % 61440;
	if (p < 97)
		return 65536 + x % 334464;
	return 1000000 + x % 100000;
}

static void fnv(uint64_t *h, const void *p, size_t n)
{
	const uint8_t *b = p;
	for (size_t i = 0; i < n; i++) {
		*h ^= b[i];
		*h *= 0x100000001B3ULL;
	}
}

struct content {
	char *subject;
	char *body;
	struct mapi_binary html;
	int32_t importance;
	uint64_t delivery;
	bool has_attach;
	struct mapi_binary attach;
};

static uint64_t content_sum(const struct content *c)
{
	uint64_t h = 0xCBF29CE484222325ULL;
	fnv(&h, c->subject, strlen(c->subject) + 1);
	fnv(&h, c->body, strlen(c->body) + 1);
	fnv(&h, &c->html.length, sizeof(c->html.length));
	fnv(&h, c->html.data, c->html.length);
	fnv(&h, &c->importance, sizeof(c->importance));
	fnv(&h, &c->delivery, sizeof(c->delivery));
	uint8_t att = c->has_attach ? 1 : 0;
	fnv(&h, &att, 1);
	if (c->has_attach) {
		fnv(&h, &c->attach.length, sizeof(c->attach.length));
		fnv(&h, c->attach.data, c->attach.length);
	}
	return h;
}

static bool make_bytes(TALLOC_CTX *mem_ctx, uint64_t *state, struct mapi_binary *bin)
{
	bin->length = pick_size(state);
	bin->data = talloc_size(mem_ctx, bin->length);
	if (bin->data == NULL)
		return false;
	// Half random (incompressible), half repeated: zstd sees both kinds.
	uint64_t w = next(state);
	for (uint32_t i = 0; i < bin->length; i++) {
		if (i % 8 == 0 && i < bin->length / 2)
			w = next(state);
		bin->data[i] = (uint8_t)(w >> ((i % 8) * 8));
	}
	return true;
}

static bool make_content(TALLOC_CTX *mem_ctx, uint64_t seed, uint64_t seq, struct content *c)
{
	uint64_t state = seed * 0x100000001ULL + seq;
	c->subject = talloc_asprintf(mem_ctx, "crash %llu/%llu", (unsigned long long)seed, (unsigned long long)seq);
	uint32_t n = pick_size(&state) / 2;	/* PtypString is stored as UTF-16: twice the bytes */
	c->body = talloc_size(mem_ctx, n + 1);
	if (c->subject == NULL || c->body == NULL)
		return false;
	for (uint32_t i = 0; i < n; i++)
		c->body[i] = (char)(' ' + next(&state) % 95);
	c->body[n] = '\0';
	c->importance = (int32_t)(next(&state) % 3);
	c->delivery = 130000000000000000ULL + next(&state) % 10000000000000ULL;
	c->has_attach = next(&state) % 2 == 0;
	if (!make_bytes(mem_ctx, &state, &c->html))
		return false;
	return !c->has_attach || make_bytes(mem_ctx, &state, &c->attach);
}

static struct mapi_propval value(uint32_t tag)
{
	return (struct mapi_propval){ .tag = tag, .flag = MAPI_PROPVAL_FLAG_VALUE };
}

static uint32_t save_attachment(TALLOC_CTX *mem_ctx, struct mapistore_object *msg, const struct content *c)
{
	struct mapistore_object *att;
	uint32_t status = mapistore_attach_create(mem_ctx, msg, &att);
	if (status != MAPI_E_SUCCESS)
		return status;
	struct mapi_propval pv[3] = { value(PidTagAttachDataBinary), value(PidTagAttachMethod),
				      value(PidTagAttachLongFilename) };
	pv[0].v.bin = c->attach;
	pv[1].v.i32 = 1;	/* afByValue, MS-OXCMSG 2.2.2.9 */
	pv[2].v.str = discard_const_p(char, "data.bin");
	status = mapistore_object_set_props(att, pv, 3);
	if (status == MAPI_E_SUCCESS)
		status = mapistore_object_save(att);
	return status;
}

uint32_t crash_message_write(TALLOC_CTX *mem_ctx, struct mapistore_mailbox *mbox, uint64_t fid, uint64_t seed,
			     uint64_t seq, uint64_t *mid_r, uint64_t *sum_r)
{
	TALLOC_CTX *tmp = talloc_new(mem_ctx);
	struct content c;
	if (tmp == NULL || !make_content(tmp, seed, seq, &c)) {
		talloc_free(tmp);
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	struct mapistore_object *msg;
	uint32_t status = mapistore_message_create(tmp, mbox, fid, false, &msg);
	if (status == MAPI_E_SUCCESS) {
		struct mapi_propval pv[5] = { value(PidTagSubject), value(PidTagBody), value(PidTagHtml),
					      value(PidTagImportance), value(PidTagMessageDeliveryTime) };
		pv[0].v.str = c.subject;
		pv[1].v.str = c.body;
		pv[2].v.bin = c.html;
		pv[3].v.i32 = c.importance;
		pv[4].v.time = c.delivery;
		status = mapistore_object_set_props(msg, pv, 5);
	}
	if (status == MAPI_E_SUCCESS)
		status = mapistore_object_save(msg);
	if (status == MAPI_E_SUCCESS && c.has_attach)
		status = save_attachment(tmp, msg, &c);
	if (status == MAPI_E_SUCCESS) {
		*mid_r = mapistore_object_id(msg);
		*sum_r = content_sum(&c);
	}
	talloc_free(tmp);
	return status;
}

static uint32_t read_attachment(TALLOC_CTX *mem_ctx, struct mapistore_mailbox *mbox, uint64_t mid,
				struct content *c)
{
	struct mapistore_object *msg, *att;
	uint32_t status = mapistore_message_open(mem_ctx, mbox, mid, &msg);
	if (status != MAPI_E_SUCCESS)
		return status;
	status = mapistore_attach_open(mem_ctx, msg, 0, &att);
	if (status == MAPI_E_NOT_FOUND) {
		c->has_attach = false;
		return MAPI_E_SUCCESS;
	}
	if (status != MAPI_E_SUCCESS)
		return status;
	uint32_t tag = PidTagAttachDataBinary;
	struct mapi_propval *v;
	status = mapistore_object_get_props(mem_ctx, att, &tag, 1, &v);
	if (status != MAPI_E_SUCCESS)
		return status;
	if (v->flag != MAPI_PROPVAL_FLAG_VALUE)
		return MAPI_E_NOT_FOUND;
	c->has_attach = true;
	c->attach = v->v.bin;
	return MAPI_E_SUCCESS;
}

uint32_t crash_message_sum(TALLOC_CTX *mem_ctx, struct mapistore_mailbox *mbox, uint64_t mid, uint64_t *sum_r)
{
	TALLOC_CTX *tmp = talloc_new(mem_ctx);
	if (tmp == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	const uint32_t tags[5] = { PidTagSubject, PidTagBody, PidTagHtml, PidTagImportance,
				   PidTagMessageDeliveryTime };
	struct mapi_propval *v;
	struct content c;
	uint32_t status = mapistore_props_get(tmp, mbox, mid, tags, 5, &v);
	for (int i = 0; status == MAPI_E_SUCCESS && i < 5; i++) {
		if (v[i].flag != MAPI_PROPVAL_FLAG_VALUE)
			status = MAPI_E_NOT_FOUND;
	}
	if (status == MAPI_E_SUCCESS) {
		c = (struct content){ .subject = v[0].v.str, .body = v[1].v.str, .html = v[2].v.bin,
				      .importance = v[3].v.i32, .delivery = v[4].v.time };
		status = read_attachment(tmp, mbox, mid, &c);
	}
	if (status == MAPI_E_SUCCESS)
		*sum_r = content_sum(&c);
	talloc_free(tmp);
	return status;
}
