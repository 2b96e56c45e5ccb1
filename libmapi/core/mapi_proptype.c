/*
 * mapi_proptype: facts about the property data types of MS-OXCDATA 2.11.1.
 */
#include <stdalign.h>
#include <string.h>

#include "mapi_proptype.h"

struct mapi_proptype_row {
	uint16_t type;
	uint8_t size;		/* wire size of a fixed-size value; 0 = variable */
	uint8_t align;		/* in-memory alignment of the decoded value */
	const char *spec_name;
	const char *pt_name;
};

/* Multi-value types are held as (count, pointer) pairs: pointer alignment. */
#define PTR_ALIGN ((uint8_t)alignof(void *))

/* MS-OXCDATA 2.11.1: sizes from the table's "Data type/size" column. */
static const struct mapi_proptype_row mapi_proptype_rows[] = {
	{ PT_UNSPECIFIED, 0, 0, "PtypUnspecified", "PT_UNSPECIFIED" },
	{ PT_NULL, 0, 1, "PtypNull", "PT_NULL" },
	{ PT_SHORT, 2, 2, "PtypInteger16", "PT_SHORT" },
	{ PT_LONG, 4, 4, "PtypInteger32", "PT_LONG" },
	{ PT_FLOAT, 4, 4, "PtypFloating32", "PT_FLOAT" },
	{ PT_DOUBLE, 8, 8, "PtypFloating64", "PT_DOUBLE" },
	{ PT_CURRENCY, 8, 8, "PtypCurrency", "PT_CURRENCY" },
	{ PT_APPTIME, 8, 8, "PtypFloatingTime", "PT_APPTIME" },
	{ PT_ERROR, 4, 4, "PtypErrorCode", "PT_ERROR" },
	{ PT_BOOLEAN, 1, 1, "PtypBoolean", "PT_BOOLEAN" },
	{ PT_OBJECT, 0, PTR_ALIGN, "PtypObject", "PT_OBJECT" },
	{ PT_I8, 8, 8, "PtypInteger64", "PT_I8" },
	{ PT_STRING8, 0, PTR_ALIGN, "PtypString8", "PT_STRING8" },
	{ PT_UNICODE, 0, PTR_ALIGN, "PtypString", "PT_UNICODE" },
	{ PT_SYSTIME, 8, 8, "PtypTime", "PT_SYSTIME" },
	{ PT_CLSID, 16, 4, "PtypGuid", "PT_CLSID" },
	{ PT_SVREID, 0, PTR_ALIGN, "PtypServerId", "PT_SVREID" },
	{ PT_SRESTRICT, 0, PTR_ALIGN, "PtypRestriction", "PT_SRESTRICT" },
	{ PT_ACTIONS, 0, PTR_ALIGN, "PtypRuleAction", "PT_ACTIONS" },
	{ PT_BINARY, 0, PTR_ALIGN, "PtypBinary", "PT_BINARY" },
	{ PT_MV_SHORT, 0, PTR_ALIGN, "PtypMultipleInteger16", "PT_MV_SHORT" },
	{ PT_MV_LONG, 0, PTR_ALIGN, "PtypMultipleInteger32", "PT_MV_LONG" },
	{ PT_MV_FLOAT, 0, PTR_ALIGN, "PtypMultipleFloating32", "PT_MV_FLOAT" },
	{ PT_MV_DOUBLE, 0, PTR_ALIGN, "PtypMultipleFloating64", "PT_MV_DOUBLE" },
	{ PT_MV_CURRENCY, 0, PTR_ALIGN, "PtypMultipleCurrency", "PT_MV_CURRENCY" },
	{ PT_MV_APPTIME, 0, PTR_ALIGN, "PtypMultipleFloatingTime", "PT_MV_APPTIME" },
	{ PT_MV_I8, 0, PTR_ALIGN, "PtypMultipleInteger64", "PT_MV_I8" },
	{ PT_MV_STRING8, 0, PTR_ALIGN, "PtypMultipleString8", "PT_MV_STRING8" },
	{ PT_MV_UNICODE, 0, PTR_ALIGN, "PtypMultipleString", "PT_MV_UNICODE" },
	{ PT_MV_SYSTIME, 0, PTR_ALIGN, "PtypMultipleTime", "PT_MV_SYSTIME" },
	{ PT_MV_CLSID, 0, PTR_ALIGN, "PtypMultipleGuid", "PT_MV_CLSID" },
	{ PT_MV_BINARY, 0, PTR_ALIGN, "PtypMultipleBinary", "PT_MV_BINARY" },
};

#define MAPI_PROPTYPE_ROW_COUNT (sizeof(mapi_proptype_rows) / sizeof(mapi_proptype_rows[0]))

static const struct mapi_proptype_row *proptype_row(uint16_t type)
{
	if ((type & MAPI_PROPTYPE_MV_INSTANCE) != 0) {
		if ((type & MAPI_PROPTYPE_MV_FLAG) == 0) {
			return NULL;
		}
		type = (uint16_t)(type & ~MAPI_PROPTYPE_MV_INSTANCE);
	}
	for (size_t i = 0; i < MAPI_PROPTYPE_ROW_COUNT; i++) {
		if (mapi_proptype_rows[i].type == type) {
			return &mapi_proptype_rows[i];
		}
	}
	return NULL;
}

bool mapi_proptype_is_valid(uint16_t type)
{
	return proptype_row(type) != NULL;
}

bool mapi_proptype_fixed_size(uint16_t type, size_t *size_r)
{
	const struct mapi_proptype_row *row = proptype_row(type);

	if (row == NULL || row->size == 0) {
		return false;
	}
	*size_r = row->size;
	return true;
}

size_t mapi_proptype_alignment(uint16_t type)
{
	const struct mapi_proptype_row *row = proptype_row(type);

	return row != NULL ? row->align : 0;
}

const char *mapi_proptype_name(uint16_t type)
{
	const struct mapi_proptype_row *row = proptype_row(type);

	return row != NULL ? row->spec_name : NULL;
}

bool mapi_proptype_from_name(const char *name, uint16_t *type_r)
{
	if (name == NULL) {
		return false;
	}
	for (size_t i = 0; i < MAPI_PROPTYPE_ROW_COUNT; i++) {
		if (strcmp(mapi_proptype_rows[i].spec_name, name) == 0 ||
		    strcmp(mapi_proptype_rows[i].pt_name, name) == 0) {
			*type_r = mapi_proptype_rows[i].type;
			return true;
		}
	}
	return false;
}
