/*
 * Property rows and their companions (MS-OXCDATA 2.7, 2.8, 2.10):
 *   PropertyRow (2.8.1): StandardPropertyRow (Flag 0x00, 2.8.1.1) or FlaggedPropertyRow
 *     (Flag 0x01, 2.8.1.2), one value per column of a column set the context gives (RopSetColumns,
 *     the tags of RopGetPropertiesSpecific). A column typed PtypUnspecified carries its type on the
 *     wire: TypedPropertyValue in standard rows, FlaggedPropertyValueWithType in flagged ones
 *     (R75, R81); other columns carry PropertyValue / FlaggedPropertyValue.
 *   PropertyRowSet (2.8.2.1): RowCount (2 bytes) then the rows.
 *   PropertyTagArray (2.10.1): Count (2 bytes) then 4-byte tags.
 *   PropertyProblem (2.7): Index (2), PropertyTag (4), ErrorCode (4); arrays of them are led by a
 *     2-byte count (PropertyProblemCount, MS-OXCPRPT 2.2.5.2).
 *
 * Column sets must not hold PtypNull or unknown types (MAPI_E_INVALID_PARAMETER): every column
 * then costs at least one byte per row, which is what bounds the allocation of a row set to a
 * small multiple of the input length.
 * Memory and errors as in mapi_propval.h.
 */
#ifndef SAMBEX_MAPI_PROPROW_H
#define SAMBEX_MAPI_PROPROW_H

#include <stdint.h>
#include <talloc.h>

#include "mapi_propval.h"

#define MAPI_PROPROW_STANDARD 0x00	/* 2.8.1.1 */
#define MAPI_PROPROW_FLAGGED 0x01	/* 2.8.1.2 */

struct mapi_proptag_array {
	uint16_t count;
	uint32_t *tags;		/* NULL when count is 0 */
};

/*
 * One row: flag is MAPI_PROPROW_*; values[i] belongs to column i. Each value's tag is the
 * column's tag, with the type read from the wire for PtypUnspecified columns; in standard rows
 * every value's flag is MAPI_PROPVAL_FLAG_VALUE.
 */
struct mapi_proprow {
	uint8_t flag;
	uint16_t count;
	struct mapi_propval *values;
};

struct mapi_proprow_set {
	uint16_t count;			/* RowCount */
	struct mapi_proprow *rows;
};

struct mapi_property_problem {
	uint16_t index;
	uint32_t prop_tag;
	uint32_t error_code;
};

struct mapi_property_problem_array {
	uint16_t count;
	struct mapi_property_problem *problems;
};

/* PropertyTagArray (2.10.1). Returns 0, ecRpcFormat or MAPI_E_NOT_ENOUGH_MEMORY. */
uint32_t mapi_proprow_pull_tags(TALLOC_CTX *mem_ctx, struct mapi_propval_reader *r,
				struct mapi_proptag_array *tags);
uint32_t mapi_proprow_push_tags(struct mapi_propval_writer *w,
				const struct mapi_proptag_array *tags);

/*
 * One PropertyRow for the given columns (2.8.1). Returns 0, ecRpcFormat (truncated, Flag
 * other than 0x00/0x01, bad value), MAPI_E_INVALID_PARAMETER (bad column set),
 * MAPI_E_TOO_COMPLEX (restriction values), MAPI_E_NOT_ENOUGH_MEMORY.
 */
uint32_t mapi_proprow_pull(TALLOC_CTX *mem_ctx, struct mapi_propval_reader *r,
			   const struct mapi_proptag_array *columns, struct mapi_proprow *row);

/*
 * Encodes row for the columns: row->count must equal the column count and, for typed columns,
 * the value's type must not be PtypUnspecified; in standard rows every flag must be FLAG_VALUE.
 * Returns 0, MAPI_E_INVALID_PARAMETER or MAPI_E_NOT_ENOUGH_MEMORY.
 */
uint32_t mapi_proprow_push(struct mapi_propval_writer *w, const struct mapi_proptag_array *columns,
			   const struct mapi_proprow *row);

/* PropertyRowSet (2.8.2.1): errors as mapi_proprow_pull / mapi_proprow_push. */
uint32_t mapi_proprow_pull_set(TALLOC_CTX *mem_ctx, struct mapi_propval_reader *r,
			       const struct mapi_proptag_array *columns,
			       struct mapi_proprow_set *set);
uint32_t mapi_proprow_push_set(struct mapi_propval_writer *w,
			       const struct mapi_proptag_array *columns,
			       const struct mapi_proprow_set *set);

/* PropertyProblem arrays (2.7) with their 2-byte count. Errors as mapi_proprow_pull_tags. */
uint32_t mapi_proprow_pull_problems(TALLOC_CTX *mem_ctx, struct mapi_propval_reader *r,
				    struct mapi_property_problem_array *problems);
uint32_t mapi_proprow_push_problems(struct mapi_propval_writer *w,
				    const struct mapi_property_problem_array *problems);

/* Deep equality of two rows (values by mapi_propval_equal). */
bool mapi_proprow_equal(const struct mapi_proprow *a, const struct mapi_proprow *b);

#endif
