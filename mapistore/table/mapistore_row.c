/*
 * Property lookup on a row.
 */
#include "mapistore_row.h"

#include "mapi_proptype.h"

static bool present(const struct mapi_propval *pv)
{
	return pv->flag == MAPI_PROPVAL_FLAG_VALUE;
}

const struct mapi_propval *mapistore_row_find(const struct mapistore_row *row, uint32_t tag)
{
	/* MS-OXCTABL 2.2.2.1.1 (column tags): the instance bit names the MV property itself. */
	uint32_t want = tag & ~(uint32_t)MAPI_PROPTYPE_MV_INSTANCE;

	if (row == NULL)
		return NULL;
	for (uint32_t i = 0; i < row->count; i++) {
		if (row->props[i].tag == want)
			return present(&row->props[i]) ? &row->props[i] : NULL;
	}
	return NULL;
}

const struct mapi_propval *mapistore_row_find_id(const struct mapistore_row *row, uint16_t id)
{
	if (row == NULL)
		return NULL;
	for (uint32_t i = 0; i < row->count; i++) {
		if (mapi_prop_id(row->props[i].tag) == id && present(&row->props[i]))
			return &row->props[i];
	}
	return NULL;
}

bool mapistore_row_value(const struct mapistore_row *row, uint32_t tag, uint32_t instance,
			 struct mapi_propval *out)
{
	const struct mapi_propval *pv;
	uint16_t type = mapi_prop_type(tag);

	if (!(type & MAPI_PROPTYPE_MV_INSTANCE)) {
		pv = mapistore_row_find(row, tag);
		if (pv == NULL)
			return false;
		*out = *pv;
		return true;
	}
	pv = mapistore_row_find(row, tag);
	if (pv == NULL || instance == 0 || instance > pv->v.mv.count)
		return false;
	out->tag = tag;
	out->flag = MAPI_PROPVAL_FLAG_VALUE;
	mapi_propval_mv_get(mapi_proptype_base(type), &pv->v.mv, instance - 1, &out->v);
	return true;
}
