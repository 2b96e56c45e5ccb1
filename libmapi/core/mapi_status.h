/*
 * MAPI status codes (MS-OXCDATA 2.4): the 32-bit values that ROP responses, EcDoRpcExt2 and NSPI
 * return, with their spec names. The list itself lives in mapi_status_list.h.
 */
#ifndef SAMBEX_MAPI_STATUS_H
#define SAMBEX_MAPI_STATUS_H

#include <stdbool.h>
#include <stdint.h>

/*
 * Values past INT_MAX (all the failure codes) make GCC and clang give those enumerators the type
 * unsigned int, so they compare with the uint32_t values on the wire without sign extension.
 */
enum mapi_status {
#define MAPI_STATUS(c_name, value, spec_name, alternates) c_name = (value),
#include "mapi_status_list.h"
#undef MAPI_STATUS
};

/*
 * The spec name of a status value ("GeneralFailure" for 0x80004005). Where the spec lists two names
 * for one value, the first is returned. Returns NULL for a value the spec does not name; the string
 * is static.
 */
const char *mapi_status_name(uint32_t value);

/*
 * The spec name of a status value, or "0xXXXXXXXX" for one the spec does not name, written into
 * buf (at least MAPI_STATUS_STRING_SIZE bytes). Returns buf. For logs.
 */
#define MAPI_STATUS_STRING_SIZE 11
const char *mapi_status_string(uint32_t value, char buf[MAPI_STATUS_STRING_SIZE]);

/*
 * Looks a status up by name: the spec name, the C enumerator name, or any alternate name the spec
 * gives ("ecNotFound", "MAPI_E_NOT_FOUND", "NotFound"). Matching is exact (case-sensitive) because
 * the alternate names differ only by case in places. Returns true and sets *value_r if found.
 */
bool mapi_status_from_name(const char *name, uint32_t *value_r);

/* True for the failure values (severity bit 31 set); warnings and Success are not failures. */
static inline bool mapi_status_is_error(uint32_t value)
{
	return (value & 0x80000000U) != 0;
}

#endif
