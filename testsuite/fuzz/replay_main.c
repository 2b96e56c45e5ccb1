/*
 * Corpus replay: feeds every file of a seed-corpus directory to a fuzz target's
 * LLVMFuzzerTestOneInput, so make check exercises each parser on its corpus with any compiler
 * (the sanitizers catch what libFuzzer would). Prints one TAP line for the whole corpus; a crash
 * aborts the program and meson reports the test as failed.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* fileno, strdup: targets whose dependencies do not bring Samba's flags */
#endif
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int name_compare(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reads a whole file into a malloc'd buffer; the input is the file, exactly sized. */
static uint8_t *read_file(const char *path, size_t *len_r)
{
	FILE *f = fopen(path, "rb");
	struct stat st;
	uint8_t *buf;

	if (f == NULL || fstat(fileno(f), &st) != 0) {
		if (f != NULL) {
			fclose(f);
		}
		return NULL;
	}
	buf = malloc((size_t)st.st_size + 1);
	if (buf != NULL && fread(buf, 1, (size_t)st.st_size, f) != (size_t)st.st_size) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*len_r = (size_t)st.st_size;
	return buf;
}

int main(int argc, char **argv)
{
	char **names = NULL;
	size_t count = 0, replayed = 0, unreadable = 0;
	struct dirent *de;
	DIR *dir;

	if (argc != 2 || (dir = opendir(argv[1])) == NULL) {
		tap_ok(false, "corpus directory %s readable", argc > 1 ? argv[1] : "(none)");
		return tap_done();
	}
	while ((de = readdir(dir)) != NULL) {
		char **grown;

		if (de->d_name[0] == '.') {
			continue;
		}
		grown = realloc(names, (count + 1) * sizeof(names[0]));
		if (grown == NULL) {
			break;
		}
		names = grown;
		names[count++] = strdup(de->d_name);
	}
	closedir(dir);
	if (count > 0) {
		qsort(names, count, sizeof(names[0]), name_compare);
	}
	for (size_t i = 0; i < count; i++) {
		char path[4096];
		size_t len;
		uint8_t *data;

		snprintf(path, sizeof(path), "%s/%s", argv[1], names[i]);
		data = read_file(path, &len);
		if (data == NULL) {
			unreadable++;
		} else {
			LLVMFuzzerTestOneInput(data, len);
			replayed++;
		}
		free(data);
		free(names[i]);
	}
	free(names);
	tap_ok(replayed > 0 && unreadable == 0, "%s: %zu inputs replayed, %zu unreadable",
	       argv[1], replayed, unreadable);
	return tap_done();
}
