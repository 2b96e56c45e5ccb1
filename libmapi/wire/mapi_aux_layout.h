/*
 * Internal to libmapi/wire: the field lists that describe each auxiliary block structure of
 * MS-OXCRPC 2.2.2.2.1 - 2.2.2.2.22, shared by the reader (mapi_aux.c) and the writer
 * (mapi_aux_build.c) so both follow one description. Not for use outside mapi_aux*.c.
 */
#ifndef SAMBEX_MAPI_AUX_LAYOUT_H
#define SAMBEX_MAPI_AUX_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

#include "mapi_aux.h"

enum mapi_aux_field_op {
	MAPI_AUX_OP_END = 0,
	MAPI_AUX_OP_U8,
	MAPI_AUX_OP_U16,
	MAPI_AUX_OP_U32,
	MAPI_AUX_OP_GUID,	/* 16 bytes, MS-DTYP 2.3.4.2 packet form */
	MAPI_AUX_OP_SKIP,	/* Reserved: n bytes ignored on read, zero on write */
	MAPI_AUX_OP_STR,	/* 2-byte offset of a null-terminated UTF-16LE string -> char * */
	MAPI_AUX_OP_BYTES,	/* 2-byte size then 2-byte offset -> struct mapi_aux_bytes */
};

struct mapi_aux_field {
	uint8_t op;
	uint8_t skip;
	uint16_t at;	/* offset in the struct inside mapi_aux_block.u */
};

struct mapi_aux_layout {
	const char *name;			/* the spec's structure name */
	const struct mapi_aux_field *fields;	/* to MAPI_AUX_OP_END; NULL for MAPI_AUX_RAW */
};

/* Indexed by enum mapi_aux_kind. */
extern const struct mapi_aux_layout mapi_aux_layouts[MAPI_AUX_KIND_COUNT];

/* Bytes a field takes in the fixed part of its block. */
static inline size_t mapi_aux_field_size(const struct mapi_aux_field *f)
{
	switch (f->op) {
	case MAPI_AUX_OP_U8: return 1;
	case MAPI_AUX_OP_U16: case MAPI_AUX_OP_STR: return 2;
	case MAPI_AUX_OP_U32: case MAPI_AUX_OP_BYTES: return 4;
	case MAPI_AUX_OP_GUID: return 16;
	case MAPI_AUX_OP_SKIP: return f->skip;
	default: return 0;
	}
}

#endif
