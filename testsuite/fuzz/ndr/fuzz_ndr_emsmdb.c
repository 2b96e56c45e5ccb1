/*
 * Fuzz target: every emsmdb call, request and response side (see fuzz_ndr_call.h).
 */
#include "emsmdb.h"
#include "fuzz_ndr_call.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_ndr_call(&sambex_ndr_table_emsmdb, data, size);
}
