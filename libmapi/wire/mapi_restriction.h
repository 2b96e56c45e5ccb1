/*
 * Restrictions (MS-OXCDATA 2.12): the twelve packet formats, each starting with its RestrictType
 * byte (R510), as ROP buffers (RopRestrict, RopFindRow, RopSetSearchCriteria...) and extended
 * rules carry them.
 *
 * Count widths: RestrictCount of And/Or (2.12.1.1, 2.12.2.1) is 2 bytes in ROP buffers and
 * 4 bytes in extended rules; TaggedValuesCount of CommentRestriction (2.12.11.1) is 1 byte;
 * Count of CountRestriction (2.12.12) is 4 bytes. Comparands (ContentRestriction,
 * PropertyRestriction, CommentRestriction) are TaggedPropertyValues (2.11.4).
 *
 * Nesting is capped at MAPI_RESTRICTION_MAX_DEPTH levels: deeper input gives
 * MAPI_E_TOO_COMPLEX (0x80040117), the code MS-OXCDATA 2.4 names for an operation "too complex
 * for the server to handle; often applied to restrictions" (R965). The cap bounds the decoder's
 * recursion (C stack) whatever the input length; a PtypRestriction value inside a comparand
 * counts as one more level.
 *
 * The decoder checks structure only: RelOp, FuzzyLevel and mask values are kept as they are for
 * the evaluator to judge; RestrictType values past 0x0B and RestrictionPresent values other than
 * 0 and 1 are ecRpcFormat, since they leave the rest of the buffer unframeable or unencodable.
 * Errors and memory as in mapi_propval.h.
 */
#ifndef SAMBEX_MAPI_RESTRICTION_H
#define SAMBEX_MAPI_RESTRICTION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <talloc.h>

#include "mapi_propval.h"

/* Restriction levels accepted; level 1 is the outermost restriction. */
#define MAPI_RESTRICTION_MAX_DEPTH 255

/* 2.12 RestrictType values */
enum mapi_restriction_type {
	MAPI_RES_AND = 0x00,
	MAPI_RES_OR = 0x01,
	MAPI_RES_NOT = 0x02,
	MAPI_RES_CONTENT = 0x03,
	MAPI_RES_PROPERTY = 0x04,
	MAPI_RES_COMPARE_PROPERTIES = 0x05,
	MAPI_RES_BITMASK = 0x06,
	MAPI_RES_SIZE = 0x07,
	MAPI_RES_EXIST = 0x08,
	MAPI_RES_SUBOBJECT = 0x09,
	MAPI_RES_COMMENT = 0x0A,
	MAPI_RES_COUNT = 0x0B,
};

/* RelOp values (2.12.5.1) and BitmapRelOp values (2.12.7.1), for callers. */
enum mapi_relop {
	MAPI_RELOP_LT = 0x00, MAPI_RELOP_LE = 0x01, MAPI_RELOP_GT = 0x02, MAPI_RELOP_GE = 0x03,
	MAPI_RELOP_EQ = 0x04, MAPI_RELOP_NE = 0x05, MAPI_RELOP_RE = 0x06,
};
#define MAPI_BMR_EQZ 0x00
#define MAPI_BMR_NEZ 0x01

/* FuzzyLevelLow / FuzzyLevelHigh values (2.12.4.1). */
#define MAPI_FL_FULLSTRING 0x0000
#define MAPI_FL_SUBSTRING 0x0001
#define MAPI_FL_PREFIX 0x0002
#define MAPI_FL_IGNORECASE 0x0001	/* high word */
#define MAPI_FL_IGNORENONSPACE 0x0002	/* high word */
#define MAPI_FL_LOOSE 0x0004		/* high word */

struct mapi_restriction {
	uint8_t type;			/* enum mapi_restriction_type */
	union {
		struct {		/* 2.12.1.1 And, 2.12.2.1 Or */
			uint32_t count;
			struct mapi_restriction *items;
		} and_or;
		struct {		/* 2.12.3.1 Not */
			struct mapi_restriction *sub;
		} not_;
		struct {		/* 2.12.4.1 Content */
			uint16_t fuzzy_low, fuzzy_high;
			uint32_t prop_tag;
			struct mapi_propval value;	/* TaggedValue */
		} content;
		struct {		/* 2.12.5.1 Property */
			uint8_t relop;
			uint32_t prop_tag;
			struct mapi_propval value;	/* TaggedValue */
		} property;
		struct {		/* 2.12.6.1 CompareProperties */
			uint8_t relop;
			uint32_t tag1, tag2;
		} compare;
		struct {		/* 2.12.7.1 BitMask */
			uint8_t relop;
			uint32_t prop_tag, mask;
		} bitmask;
		struct {		/* 2.12.8.1 Size */
			uint8_t relop;
			uint32_t prop_tag, size;
		} size;
		struct {		/* 2.12.9.1 Exist */
			uint32_t prop_tag;
		} exist;
		struct {		/* 2.12.10.1 SubObject */
			uint32_t subobject;
			struct mapi_restriction *sub;
		} subobject;
		struct {		/* 2.12.11.1 Comment */
			uint8_t count;
			struct mapi_propval *values;	/* TaggedValues */
			struct mapi_restriction *sub;	/* NULL: RestrictionPresent 0 */
		} comment;
		struct {		/* 2.12.12 Count */
			uint32_t count;
			struct mapi_restriction *sub;
		} count;
	} u;
};

/*
 * Decodes one restriction at the reader's position into *res (its children on mem_ctx).
 * Returns 0, ecRpcFormat (truncated, unknown RestrictType, count past the remaining bytes, bad
 * comparand), MAPI_E_TOO_COMPLEX (nesting past the cap) or MAPI_E_NOT_ENOUGH_MEMORY.
 */
uint32_t mapi_restriction_pull(TALLOC_CTX *mem_ctx, struct mapi_propval_reader *r,
			       struct mapi_restriction *res);

/*
 * Decodes a whole buffer that holds exactly one restriction (RestrictionData of RopRestrict,
 * say): bytes left over are ecRpcFormat. *res_r is allocated on mem_ctx; NULL on error.
 * conv may be NULL. Returns as mapi_restriction_pull.
 */
uint32_t mapi_restriction_decode(TALLOC_CTX *mem_ctx, const uint8_t *data, size_t len,
				 enum mapi_propval_context context, struct mapi_utf16_conv *conv,
				 struct mapi_restriction **res_r);

/*
 * Appends the encoding of res to w. Returns 0, MAPI_E_INVALID_PARAMETER (unknown type, a count
 * over its field's width, a comparand without an encoding, RestrictionPresent/sub mismatch),
 * MAPI_E_TOO_COMPLEX (deeper than the cap) or MAPI_E_NOT_ENOUGH_MEMORY.
 */
uint32_t mapi_restriction_push(struct mapi_propval_writer *w, const struct mapi_restriction *res);

/*
 * Encodes res into a new array on mem_ctx (*out_r, *out_len_r). Returns as
 * mapi_restriction_push; *out_r is NULL on error.
 */
uint32_t mapi_restriction_encode(TALLOC_CTX *mem_ctx, const struct mapi_restriction *res,
				 enum mapi_propval_context context, struct mapi_utf16_conv *conv,
				 uint8_t **out_r, size_t *out_len_r);

/* Deep equality (comparands by mapi_propval_equal). For tests and fuzz targets. */
bool mapi_restriction_equal(const struct mapi_restriction *a, const struct mapi_restriction *b);

#endif
