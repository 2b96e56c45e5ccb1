/*
 * MAPI property types and property tags (MS-OXCDATA 2.9, 2.11.1).
 *
 * A property tag is a 32-bit value: the property ID in the high 16 bits and the property type in
 * the low 16 bits. A type with the MultipleValues bit (0x1000) set holds an array of its base type;
 * in table column tags the MultivalueInstance bit (0x2000, MS-OXCTABL 2.2.2.1.1) may also be set.
 */
#ifndef SAMBEX_MAPI_PROPTYPE_H
#define SAMBEX_MAPI_PROPTYPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* MS-OXCDATA 2.11.1 Property Data Types */
enum mapi_proptype {
	PT_UNSPECIFIED = 0x0000,	/* PtypUnspecified: "any", only in requests */
	PT_NULL = 0x0001,		/* PtypNull: placeholder, no value */
	PT_SHORT = 0x0002,		/* PtypInteger16 */
	PT_LONG = 0x0003,		/* PtypInteger32 */
	PT_FLOAT = 0x0004,		/* PtypFloating32 */
	PT_DOUBLE = 0x0005,		/* PtypFloating64 */
	PT_CURRENCY = 0x0006,		/* PtypCurrency */
	PT_APPTIME = 0x0007,		/* PtypFloatingTime */
	PT_ERROR = 0x000A,		/* PtypErrorCode */
	PT_BOOLEAN = 0x000B,		/* PtypBoolean: one byte, 0 or 1 */
	PT_OBJECT = 0x000D,		/* PtypObject / PtypEmbeddedTable */
	PT_I8 = 0x0014,			/* PtypInteger64 */
	PT_STRING8 = 0x001E,		/* PtypString8: 8-bit, NUL-terminated */
	PT_UNICODE = 0x001F,		/* PtypString: UTF-16LE, NUL-terminated */
	PT_SYSTIME = 0x0040,		/* PtypTime: FILETIME */
	PT_CLSID = 0x0048,		/* PtypGuid */
	PT_SVREID = 0x00FB,		/* PtypServerId */
	PT_SRESTRICT = 0x00FD,		/* PtypRestriction */
	PT_ACTIONS = 0x00FE,		/* PtypRuleAction */
	PT_BINARY = 0x0102,		/* PtypBinary */
	PT_MV_SHORT = 0x1002,		/* PtypMultipleInteger16 */
	PT_MV_LONG = 0x1003,		/* PtypMultipleInteger32 */
	PT_MV_FLOAT = 0x1004,		/* PtypMultipleFloating32 */
	PT_MV_DOUBLE = 0x1005,		/* PtypMultipleFloating64 */
	PT_MV_CURRENCY = 0x1006,	/* PtypMultipleCurrency */
	PT_MV_APPTIME = 0x1007,		/* PtypMultipleFloatingTime */
	PT_MV_I8 = 0x1014,		/* PtypMultipleInteger64 */
	PT_MV_STRING8 = 0x101E,		/* PtypMultipleString8 */
	PT_MV_UNICODE = 0x101F,		/* PtypMultipleString */
	PT_MV_SYSTIME = 0x1040,		/* PtypMultipleTime */
	PT_MV_CLSID = 0x1048,		/* PtypMultipleGuid */
	PT_MV_BINARY = 0x1102,		/* PtypMultipleBinary */
};

#define MAPI_PROPTYPE_MV_FLAG 0x1000U		/* MS-OXCDATA 2.11.1: MultipleValues */
#define MAPI_PROPTYPE_MV_INSTANCE 0x2000U	/* MS-OXCTABL 2.2.2.1.1: MultivalueInstance */

/* Property tags (MS-OXCDATA 2.9). */
#define MAPI_PROP_TAG(id, type) ((uint32_t)(((uint32_t)(id) << 16) | ((uint32_t)(type) & 0xFFFFU)))
static inline uint16_t mapi_prop_id(uint32_t tag) { return (uint16_t)(tag >> 16); }
static inline uint16_t mapi_prop_type(uint32_t tag) { return (uint16_t)(tag & 0xFFFFU); }

/* True if the type has the MultipleValues bit. */
static inline bool mapi_proptype_is_multi(uint16_t type)
{
	return (type & MAPI_PROPTYPE_MV_FLAG) != 0;
}

/* The single-value type of a multi-value (or MV-instance) type; a single-value type is unchanged. */
static inline uint16_t mapi_proptype_base(uint16_t type)
{
	return (uint16_t)(type & ~(MAPI_PROPTYPE_MV_FLAG | MAPI_PROPTYPE_MV_INSTANCE));
}

/*
 * True if type is one of the types of MS-OXCDATA 2.11.1. The MultivalueInstance bit is accepted only
 * together with the MultipleValues bit, as in column tags.
 */
bool mapi_proptype_is_valid(uint16_t type);

/*
 * The size in bytes of one value of a fixed-size type on the wire (PtypInteger16: 2,
 * PtypBoolean: 1, PtypGuid: 16...). Returns false for variable-size types (strings, binary,
 * server IDs, restrictions, rule actions, objects), for multi-value types and for unknown types.
 */
bool mapi_proptype_fixed_size(uint16_t type, size_t *size_r);

/*
 * The alignment in bytes that one decoded value of the type needs in memory (its C
 * representation: 8 for 64-bit values, 4 for GUIDs...). Variable-size and multi-value types are
 * held through pointers and return the pointer alignment. Returns 0 for unknown types.
 */
size_t mapi_proptype_alignment(uint16_t type);

/*
 * The spec name of a type ("PtypInteger32") or NULL if unknown; the string is static.
 * An MV-instance type is named after its multi-value type.
 */
const char *mapi_proptype_name(uint16_t type);

/*
 * The type named by a spec name ("PtypString") or by its PT_ name ("PT_UNICODE"); exact match.
 * Returns true and sets *type_r if found.
 */
bool mapi_proptype_from_name(const char *name, uint16_t *type_r);

#endif
