/*
 * sambex_provision_cli.c — shared parts of the provisioning commands (sambex_provision_cli.h).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "sambex_provision_cli.h"

static void print_note(void *priv, const char *line)
{
	(void)priv;
	printf("  %s\n", line);
}

struct sambex_prov *sambex_cli_open(TALLOC_CTX *mem_ctx, const char *cmd,
				    const struct sambex_cli_common *common)
{
	struct sambex_prov *p = NULL;
	char *error = NULL;

	if (sambex_prov_open(mem_ctx, common->url, common->user_pw, &p, &error) != SAMBEX_PROV_OK) {
		fprintf(stderr, "sambex %s: %s\n", cmd, error);
		return NULL;
	}
	p->note = print_note;
	return p;
}

int sambex_cli_failed(const char *cmd, const struct sambex_prov *p)
{
	fflush(stdout);
	fprintf(stderr, "sambex %s: %s\n", cmd, sambex_prov_error(p));
	return 1;
}

void sambex_cli_progress(size_t done, size_t total)
{
	enum { WIDTH = 40 };
	char bar[WIDTH + 1];

	if (total == 0 || !isatty(STDERR_FILENO))
		return;
	size_t filled = done * WIDTH / total;
	memset(bar, '#', filled);
	memset(bar + filled, '.', WIDTH - filled);
	bar[WIDTH] = '\0';
	fprintf(stderr, "\r[%s] %zu/%zu", bar, done, total);
	if (done == total)
		fputc('\n', stderr);
}

/* The first field of a CSV line, trimmed and unquoted, or NULL when the line holds none. */
static char *first_field(TALLOC_CTX *mem_ctx, char *line)
{
	line[strcspn(line, ",\r\n")] = '\0';
	while (*line == ' ' || *line == '\t' || *line == '"')
		line++;
	size_t len = strlen(line);
	while (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\t' || line[len - 1] == '"'))
		line[--len] = '\0';
	if (len == 0 || line[0] == '#' || strcasecmp(line, "sAMAccountName") == 0)
		return NULL;
	return talloc_strdup(mem_ctx, line);
}

const char **sambex_cli_read_csv(TALLOC_CTX *mem_ctx, const char *path, size_t *n, char **error)
{
	FILE *f = fopen(path, "r");
	char line[1024];
	size_t count = 0, size = 16;
	const char **names = talloc_array(mem_ctx, const char *, size);

	if (f == NULL) {
		*error = talloc_asprintf(mem_ctx, "cannot read %s: %s", path, strerror(errno));
		return NULL;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		char *name = first_field(names, line);
		if (name == NULL)
			continue;
		if (count + 1 >= size) {
			size *= 2;
			names = talloc_realloc(mem_ctx, names, const char *, size);
		}
		names[count++] = name;
	}
	fclose(f);
	names[count] = NULL;
	*n = count;
	return names;
}
