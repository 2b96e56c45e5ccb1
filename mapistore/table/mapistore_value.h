/*
 * Ordering of property values, shared by restrictions (MS-OXCDATA 2.12.5 RelOp, 2.12.6) and sort
 * orders (MS-OXCDATA 2.13). A total order per type, so sorting is well defined:
 *   - integers, currency, times, booleans, error codes: numerically (signed where the type is);
 *   - floating values: numerically, -0.0 equal to 0.0, NaNs after every number and equal to
 *     each other;
 *   - strings (PtypString, PtypString8): by folded code point (mapistore_fold.h) with the flags
 *     given; the table engine passes MAPISTORE_FOLD_CASE, as MAPI string comparison is
 *     case-insensitive unless asked otherwise;
 *   - PtypBinary, PtypServerId: bytes unsigned, then the shorter first;
 *   - PtypGuid: fields in order (Data1, Data2, Data3, Data4 bytes);
 *   - multi-valued types: element by element, then the shorter first.
 * Other types (PtypObject, PtypRestriction, PtypRuleAction, PtypNull) have no order.
 */
#ifndef SAMBEX_MAPISTORE_VALUE_H
#define SAMBEX_MAPISTORE_VALUE_H

#include <stdbool.h>
#include <stdint.h>

#include "mapi_propval.h"

/* True if values of type (single or multi-valued) can be ordered by mapistore_value_compare. */
bool mapistore_value_is_comparable(uint16_t type);

/*
 * Compares a and b, both of type (a type of MS-OXCDATA 2.11.1; the MV-instance bit is ignored,
 * so a single value is compared as its base type). Strings fold with fold_flags. Returns <0, 0
 * or >0; 0 also for a type that has no order (callers check mapistore_value_is_comparable).
 */
int mapistore_value_compare(uint16_t type, const union mapi_propval_data *a,
			    const union mapi_propval_data *b, unsigned fold_flags);

/* The size in bytes of a value for RES_SIZE (MS-OXCDATA 2.12.8): see the definition. */
uint32_t mapistore_value_size(uint16_t type, const union mapi_propval_data *v);

#endif
