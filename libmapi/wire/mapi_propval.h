/*
 * Property values as ROP buffers carry them (MS-OXCDATA 2.11): PropertyValue (2.11.2.1),
 * TypedPropertyValue (2.11.3), TaggedPropertyValue (2.11.4), FlaggedPropertyValue (2.11.5),
 * FlaggedPropertyValueWithType (2.11.6) and TypedString (2.11.7), for every type of 2.11.1.
 *
 * Wire facts this codec follows:
 *   - every integer is little-endian; PtypBoolean is one byte, 0 or 1 (anything else is refused);
 *   - COUNT fields (2.11.1.1): in ROP buffers the byte count of PtypBinary is 16 bits and the value
 *     count of every PtypMultiple type is 32 bits; in extended rules (MS-OXORULE 2.2.4) both are 32
 *     bits. 2.11.2.1 (R454) says 16 bits for multi-value counts in ROP buffers; we follow the more
 *     specific 2.11.1.1 and keep the width in one place (mapi_propval_counts) should captures
 *     disagree;
 *   - PtypServerId (R2704): a 16-bit COUNT and that many bytes, in every context;
 *   - PtypString: UTF-16LE up to and including a 0x0000 unit (R455), held here as UTF-8;
 *     PtypString8: bytes up to and including a 0x00 byte, held as they are (no charset applied);
 *   - PtypRestriction (R2705): one restriction of 2.12 inline, decoded by mapi_restriction;
 *   - PtypRuleAction (R2706, MS-OXORULE 2.2.5): NoOfActions (2 bytes; 4 in extended rules, MUST be
 *     above zero) then that many ActionBlocks, each ActionLength (2 or 4 bytes) + that many bytes.
 *     The blocks are framed (so their length is known) but kept as raw bytes for now;
 *   - PtypObject: 2.11.1.5 gives no ROP-buffer encoding; we carry it as a 32-bit value
 *     (unverified against a capture);
 *   - PtypNull has no value bytes; PtypUnspecified is never a value type.
 *
 * Errors: decoders return ecRpcFormat (0x000004B6) for malformed or truncated input, as the rest
 * of libmapi/wire does: MS-OXCRPC 3.1.4.2 names it for a request whose format is invalid and
 * MS-OXCFXICS asks for it on decoding failures; MAPI_E_TOO_COMPLEX for restrictions nested past
 * MAPI_RESTRICTION_MAX_DEPTH (see mapi_restriction.h); MAPI_E_NOT_ENOUGH_MEMORY on OOM. Encoders
 * return MAPI_E_INVALID_PARAMETER for values that have no encoding (a binary over 65535 bytes in a
 * ROP buffer, invalid UTF-8, an unknown type) and MAPI_E_NOT_ENOUGH_MEMORY.
 *
 * Memory: decoded values are allocated on the mem_ctx given to the pull call; they point into no
 * input buffer, so the input may be freed afterwards.
 */
#ifndef SAMBEX_MAPI_PROPVAL_H
#define SAMBEX_MAPI_PROPVAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <talloc.h>

#include "mapi_guid.h"
#include "mapi_proptype.h"
#include "mapi_status.h"
#include "mapi_utf16.h"

struct mapi_restriction;

/* Where the bytes live: decides the COUNT widths (2.11.1.1, 2.12). */
enum mapi_propval_context {
	MAPI_PROPVAL_ROP = 0,		/* ROP buffers */
	MAPI_PROPVAL_EXTENDED = 1,	/* extended rules, MS-OXORULE 2.2.4 */
};

/* Flag of FlaggedPropertyValue (2.11.5, R475) and FlaggedPropertyRow values. */
#define MAPI_PROPVAL_FLAG_VALUE 0x00	/* a value of the type follows */
#define MAPI_PROPVAL_FLAG_MISSING 0x01	/* no value follows */
#define MAPI_PROPVAL_FLAG_ERROR 0x0A	/* a PtypErrorCode follows instead */

/* Counted bytes: PtypBinary, PtypServerId, PtypRuleAction (raw). */
struct mapi_binary {
	uint32_t length;
	uint8_t *data;		/* NULL when length is 0 */
};

/* A multi-value: count elements of the base type in the matching member. */
struct mapi_propval_mv {
	uint32_t count;
	union {
		int16_t *i16;
		int32_t *i32;
		float *f32;
		double *f64;		/* PtypFloating64, PtypFloatingTime */
		int64_t *i64;		/* PtypInteger64, PtypCurrency */
		uint64_t *time;		/* PtypTime (FILETIME) */
		char **str;		/* PtypString (UTF-8), PtypString8 (raw, NUL-ended) */
		struct GUID *guid;
		struct mapi_binary *bin;
	} v;
};

union mapi_propval_data {
	int16_t i16;			/* PtypInteger16 */
	int32_t i32;			/* PtypInteger32 */
	float f32;			/* PtypFloating32 */
	double f64;			/* PtypFloating64, PtypFloatingTime */
	int64_t i64;			/* PtypInteger64, PtypCurrency */
	uint64_t time;			/* PtypTime */
	uint32_t err;			/* PtypErrorCode, and values flagged FLAG_ERROR */
	uint8_t b;			/* PtypBoolean: 0 or 1 */
	uint32_t object;		/* PtypObject (see above) */
	char *str;			/* PtypString (UTF-8) or PtypString8 (raw), NUL-ended */
	struct GUID guid;		/* PtypGuid */
	struct mapi_binary bin;		/* PtypBinary, PtypServerId, PtypRuleAction */
	struct mapi_restriction *res;	/* PtypRestriction */
	struct mapi_propval_mv mv;	/* every PtypMultiple type */
};

/*
 * One property value, whichever structure carried it. tag holds the property tag (2.11.4) or, for
 * forms without a tag, the type in its low 16 bits and ID 0. flag is MAPI_PROPVAL_FLAG_* for the
 * flagged forms and MAPI_PROPVAL_FLAG_VALUE otherwise; with FLAG_ERROR the value is v.err, with
 * FLAG_MISSING there is none.
 */
struct mapi_propval {
	uint32_t tag;
	uint8_t flag;
	union mapi_propval_data v;
};

/* TypedString (2.11.7): StringType values. */
enum mapi_typed_string_type {
	MAPI_TYPED_STRING_NONE = 0x00,		/* no string */
	MAPI_TYPED_STRING_EMPTY = 0x01,		/* empty string, no bytes */
	MAPI_TYPED_STRING_8BIT = 0x02,		/* 8-bit string, NUL-ended */
	MAPI_TYPED_STRING_REDUCED = 0x03,	/* reduced Unicode: 8-bit chars, NUL-ended */
	MAPI_TYPED_STRING_UNICODE = 0x04,	/* UTF-16LE, NUL-ended (held as UTF-8) */
};

struct mapi_typed_string {
	uint8_t string_type;
	char *str;		/* NULL for NONE and EMPTY; raw bytes for 8BIT/REDUCED; UTF-8 */
};

/*
 * A decoding cursor over len bytes. Fields are public so callers can check how much was consumed
 * (off) and embed values in larger structures; depth counts the restrictions being decoded
 * (mapi_restriction uses it for its nesting cap). conv may be NULL (a temporary converter per
 * string: slower). Initialise with mapi_propval_reader_init.
 */
struct mapi_propval_reader {
	const uint8_t *data;
	size_t len;
	size_t off;
	enum mapi_propval_context context;
	struct mapi_utf16_conv *conv;
	unsigned depth;
};

/*
 * An encoding buffer that grows on its own talloc context. data is a talloc child of the
 * mem_ctx given to mapi_propval_writer_init; len bytes are valid.
 */
struct mapi_propval_writer {
	TALLOC_CTX *mem_ctx;
	uint8_t *data;
	size_t len;
	size_t cap;
	enum mapi_propval_context context;
	struct mapi_utf16_conv *conv;
	unsigned depth;
};

void mapi_propval_reader_init(struct mapi_propval_reader *r, const uint8_t *data, size_t len,
			      enum mapi_propval_context context, struct mapi_utf16_conv *conv);
void mapi_propval_writer_init(struct mapi_propval_writer *w, TALLOC_CTX *mem_ctx,
			      enum mapi_propval_context context, struct mapi_utf16_conv *conv);

/* Bytes left in the reader. */
static inline size_t mapi_propval_reader_left(const struct mapi_propval_reader *r)
{
	return r->len - r->off;
}

/*
 * Raw little-endian helpers on the cursors (mapi_propval_cursor.c), for the structures built
 * on property values (rows, restrictions, sort orders). Pulls return 0 or ecRpcFormat when fewer bytes remain;
 * pushes return 0 or MAPI_E_NOT_ENOUGH_MEMORY.
 */
uint32_t mapi_propval_pull_u8(struct mapi_propval_reader *r, uint8_t *v);
uint32_t mapi_propval_pull_u16(struct mapi_propval_reader *r, uint16_t *v);
uint32_t mapi_propval_pull_u32(struct mapi_propval_reader *r, uint32_t *v);
uint32_t mapi_propval_push_u8(struct mapi_propval_writer *w, uint8_t v);
uint32_t mapi_propval_push_u16(struct mapi_propval_writer *w, uint16_t v);
uint32_t mapi_propval_push_u32(struct mapi_propval_writer *w, uint32_t v);
uint32_t mapi_propval_pull_u64(struct mapi_propval_reader *r, uint64_t *v);
uint32_t mapi_propval_push_u64(struct mapi_propval_writer *w, uint64_t v);
uint32_t mapi_propval_push_bytes(struct mapi_propval_writer *w, const void *p, size_t n);

/*
 * A NUL-terminated string outside a property value (entry IDs, RecipientRow): UTF-16LE (held as
 * UTF-8) when unicode, else 8-bit bytes as they are. Pull: errors as mapi_propval_pull_value,
 * *s on mem_ctx. Push: a NULL s is MAPI_E_INVALID_PARAMETER, else as mapi_propval_push_value.
 */
uint32_t mapi_propval_pull_string(TALLOC_CTX *mem_ctx, struct mapi_propval_reader *r,
				  bool unicode, char **s);
uint32_t mapi_propval_push_string(struct mapi_propval_writer *w, bool unicode, const char *s);

/* The next n bytes of the input (and advances past them), or NULL if fewer remain. */
const uint8_t *mapi_propval_pull_bytes(struct mapi_propval_reader *r, size_t n);

/*
 * Pulls a count of width bytes (1, 2 or 4) and checks that count elements of at least min_size
 * bytes each fit in what remains, so callers can allocate count elements safely.
 * Returns 0 or ecRpcFormat.
 */
uint32_t mapi_propval_pull_count(struct mapi_propval_reader *r, unsigned width, size_t min_size,
				 uint32_t *count_r);

/*
 * PropertyValue (2.11.2.1): the value of a property whose type the context gives. type is a
 * type of 2.11.1; an MV-instance type (0x2000 bit, column tags) reads one value of its base type.
 * On success pv->tag is the type (ID 0) and pv->flag FLAG_VALUE.
 * Returns 0, ecRpcFormat (truncated, bad boolean, bad UTF-16, unknown or unspecified type, bad
 * count), MAPI_E_TOO_COMPLEX (restriction nesting), MAPI_E_NOT_ENOUGH_MEMORY. On error r->off is
 * unspecified and *pv must not be used; partial allocations stay on mem_ctx.
 */
uint32_t mapi_propval_pull_value(TALLOC_CTX *mem_ctx, struct mapi_propval_reader *r, uint16_t type,
				 struct mapi_propval *pv);

/* TypedPropertyValue (2.11.3): PropertyType (2 bytes) + PropertyValue. Errors as above. */
uint32_t mapi_propval_pull_typed(TALLOC_CTX *mem_ctx, struct mapi_propval_reader *r,
				 struct mapi_propval *pv);

/* TaggedPropertyValue (2.11.4): PropertyTag (4 bytes) + PropertyValue. Errors as above. */
uint32_t mapi_propval_pull_tagged(TALLOC_CTX *mem_ctx, struct mapi_propval_reader *r,
				  struct mapi_propval *pv);

/*
 * FlaggedPropertyValue (2.11.5): Flag (1 byte: 0x0, 0x1 or 0xA, R475) + the value of the given
 * type, nothing, or a PtypErrorCode. Another flag is ecRpcFormat; other errors as above.
 */
uint32_t mapi_propval_pull_flagged(TALLOC_CTX *mem_ctx, struct mapi_propval_reader *r,
				   uint16_t type, struct mapi_propval *pv);

/* FlaggedPropertyValueWithType (2.11.6): PropertyType (2 bytes) + Flag + value as in 2.11.5. */
uint32_t mapi_propval_pull_flagged_typed(TALLOC_CTX *mem_ctx, struct mapi_propval_reader *r,
					 struct mapi_propval *pv);

/* TypedString (2.11.7). StringType past 0x04 is ecRpcFormat (R489); other errors as above. */
uint32_t mapi_propval_pull_typed_string(TALLOC_CTX *mem_ctx, struct mapi_propval_reader *r,
					struct mapi_typed_string *ts);

/*
 * Encoders, one per structure above; the type comes from pv->tag (or the type argument for the
 * context-typed forms, which must match pv's value). Each appends to w.
 * Returns 0, MAPI_E_INVALID_PARAMETER (value without an encoding: unknown/unspecified type,
 * binary or server ID too long for its COUNT, bad UTF-8, boolean not 0/1, bad flag, rule actions
 * that do not frame) or MAPI_E_NOT_ENOUGH_MEMORY. On error w->len is unspecified.
 */
uint32_t mapi_propval_push_value(struct mapi_propval_writer *w, uint16_t type,
				 const struct mapi_propval *pv);
uint32_t mapi_propval_push_typed(struct mapi_propval_writer *w, const struct mapi_propval *pv);
uint32_t mapi_propval_push_tagged(struct mapi_propval_writer *w, const struct mapi_propval *pv);
uint32_t mapi_propval_push_flagged(struct mapi_propval_writer *w, uint16_t type,
				   const struct mapi_propval *pv);
uint32_t mapi_propval_push_flagged_typed(struct mapi_propval_writer *w,
					 const struct mapi_propval *pv);
uint32_t mapi_propval_push_typed_string(struct mapi_propval_writer *w,
					const struct mapi_typed_string *ts);

/*
 * The type whose value is on the wire for a type of 2.11.1: itself, or for an MV-instance type
 * (0x2000 bit, column tags) its single-value base type. Returns false for unknown types and for
 * PtypUnspecified, which never types a value.
 */
bool mapi_propval_wire_type(uint16_t type, uint16_t *wire_type);

/*
 * Multi-value arrays: the size in memory of one element of base type base (0 for a type that
 * has no multi-value form), and copies of element i between mv and a single-value union.
 * Callers check i < mv->count.
 */
size_t mapi_propval_mv_element_size(uint16_t base);
void mapi_propval_mv_get(uint16_t base, const struct mapi_propval_mv *mv, uint32_t i,
			 union mapi_propval_data *d);
void mapi_propval_mv_set(uint16_t base, struct mapi_propval_mv *mv, uint32_t i,
			 const union mapi_propval_data *d);

/*
 * Deep equality of two values of the given type (floating values compared bit for bit, so NaNs
 * round-trip). Tags and flags are compared too. For tests and fuzz targets.
 */
bool mapi_propval_equal(const struct mapi_propval *a, const struct mapi_propval *b);

/* Equality of the data of one type (no tag or flag), as above. */
bool mapi_propval_data_equal(uint16_t type, const union mapi_propval_data *a,
			     const union mapi_propval_data *b);

#endif
