/*
 * Fuzz target: every rfr call, request and response side (see fuzz_ndr_call.h).
 */
#include "rfr.h"
#include "fuzz_ndr_call.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_ndr_call(&sambex_ndr_table_rfr, data, size);
}
