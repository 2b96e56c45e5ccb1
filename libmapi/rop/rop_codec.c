/* Lookup in the generated table of described ROPs (rop_codec.h). */
#include "rop_gen.h"

const struct rop_codec *rop_codec_find(uint8_t rop_id)
{
	for (size_t i = 0; i < rop_codec_count; i++) {
		if (rop_codecs[i].id == rop_id) {
			return &rop_codecs[i];
		}
	}
	return NULL;
}
