/*
 * aw_json.c - a byte-at-a-time JSON checker that picks one integer member
 * of the top-level object (GitHub's "stargazers_count").
 *
 * It validates the structure (brackets, commas, colons, string escapes,
 * number and literal grammar) so that a cut or garbled answer is an error
 * rather than a wrong count. Deliberately not here: building a tree,
 * keeping any value other than the one integer, checking UTF-8 inside
 * strings or surrogate pairing, numbers with fractions or exponents as the
 * wanted value, and any recursion (nesting is a bit stack).
 */
#include "aw_json.h"

#include <string.h>

enum { S_VALUE, S_OBJ_FIRST, S_OBJ_KEY, S_COLON, S_AFTER, S_ARR_FIRST, S_DONE, S_TOKEN };
enum { T_STRING, T_NUMBER, T_LITERAL };
/* string sub-states: 0 plain, 1 after '\\', 2..5 hex digits of \u read */
enum { N_MINUS, N_ZERO, N_INT, N_DOT, N_FRAC, N_E, N_ESIGN, N_EXP };

void aw_json_int_init(aw_json_int_ctx *j, const char *key)
{
	memset(j, 0, sizeof *j);
	j->key = key;
	j->key_len = strlen(key);
	j->st = S_VALUE;
}

static int fail(aw_json_int_ctx *j, int err)
{
	j->err = err;
	return err;
}

static int top_is_object(const aw_json_int_ctx *j)
{
	unsigned d = j->depth - 1;
	return j->stack[d >> 3] >> (d & 7) & 1;
}

/* a value ended: where the parser goes next */
static void value_done(aw_json_int_ctx *j)
{
	j->want = 0;
	j->st = j->depth ? S_AFTER : S_DONE;
}

static int open_container(aw_json_int_ctx *j, int object)
{
	unsigned d = j->depth;
	if (j->want)
		return fail(j, AW_ERR_SYNTAX);       /* the key's value is not a number */
	if (d >= AW_JSON_DEPTH_MAX)
		return fail(j, AW_ERR_TOOBIG);
	if (object)
		j->stack[d >> 3] = (uint8_t)(j->stack[d >> 3] | 1u << (d & 7));
	else
		j->stack[d >> 3] = (uint8_t)(j->stack[d >> 3] & ~(1u << (d & 7)));
	j->depth++;
	j->st = object ? S_OBJ_FIRST : S_ARR_FIRST;
	return AW_OK;
}

static int close_container(aw_json_int_ctx *j, int object)
{
	if (!j->depth || top_is_object(j) != object)
		return fail(j, AW_ERR_SYNTAX);
	j->depth--;
	value_done(j);
	return AW_OK;
}

/* one decoded character of a string (code point; only keys look at it) */
static void string_char(aw_json_int_ctx *j, uint32_t c)
{
	if (!j->kmatch)
		return;
	if (j->kpos < j->key_len && c < 0x80 && (unsigned char)j->key[j->kpos] == c)
		j->kpos++;
	else
		j->kmatch = 0;
}

static void string_end(aw_json_int_ctx *j)
{
	if (j->is_key) {
		j->want = j->kmatch && j->kpos == j->key_len;
		j->st = S_COLON;
	} else {
		if (j->want) {
			j->err = AW_ERR_SYNTAX;
			return;
		}
		value_done(j);
	}
}

static int hexval(char c)
{
	if (AW_IS_DIGIT(c))
		return c - '0';
	if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
		return (c | 0x20) - 'a' + 10;
	return -1;
}

static int string_byte(aw_json_int_ctx *j, char c)
{
	unsigned char u = (unsigned char)c;
	int h;

	if (j->sub == 0) {
		if (c == '"') {
			string_end(j);
			return j->err;
		}
		if (c == '\\')
			j->sub = 1;
		else if (u < 0x20)
			return fail(j, AW_ERR_SYNTAX);
		else
			string_char(j, u);
		return AW_OK;
	}
	if (j->sub == 1) {
		static const char esc[] = "\"\\/bfnrt", val[] = "\"\\/\b\f\n\r\t";
		const char *e = c ? strchr(esc, c) : NULL;
		if (c == 'u') {
			j->sub = 2;
			j->u = 0;
			return AW_OK;
		}
		if (!e)
			return fail(j, AW_ERR_SYNTAX);
		string_char(j, (unsigned char)val[e - esc]);
		j->sub = 0;
		return AW_OK;
	}
	if ((h = hexval(c)) < 0)
		return fail(j, AW_ERR_SYNTAX);
	j->u = j->u << 4 | (uint32_t)h;
	if (++j->sub == 6) {
		string_char(j, j->u);
		j->sub = 0;
	}
	return AW_OK;
}

/* a number ends at a byte that is not part of it (not consumed) */
static int number_end(aw_json_int_ctx *j)
{
	if (j->sub != N_ZERO && j->sub != N_INT && j->sub != N_FRAC && j->sub != N_EXP)
		return fail(j, AW_ERR_SYNTAX);
	if (j->want) {
		if (!j->num_int || j->num_big)
			return fail(j, AW_ERR_SYNTAX);
		j->found = 1;
		j->value = j->num;
	}
	value_done(j);
	return AW_OK;
}

/* 1: consumed, 0: the number ended before this byte */
static int number_byte(aw_json_int_ctx *j, char c)
{
	int d = AW_IS_DIGIT(c);

	switch (j->sub) {
	case N_MINUS:
		if (!d)
			return fail(j, AW_ERR_SYNTAX), 1;
		j->sub = c == '0' ? N_ZERO : N_INT;
		return 1;
	case N_ZERO:
	case N_INT:
		if (d && j->sub == N_INT) {
			uint64_t v = (uint64_t)(c - '0');
			if (j->num > (UINT64_MAX - v) / 10)
				j->num_big = 1;
			else
				j->num = j->num * 10 + v;
			return 1;
		}
		if (d)
			return fail(j, AW_ERR_SYNTAX), 1;   /* a leading zero */
		if (c == '.') {
			j->num_int = 0;
			j->sub = N_DOT;
			return 1;
		}
		if (c == 'e' || c == 'E') {
			j->num_int = 0;
			j->sub = N_E;
			return 1;
		}
		return 0;
	case N_DOT:
		if (!d)
			return fail(j, AW_ERR_SYNTAX), 1;
		j->sub = N_FRAC;
		return 1;
	case N_FRAC:
		if (d)
			return 1;
		if (c == 'e' || c == 'E') {
			j->sub = N_E;
			return 1;
		}
		return 0;
	case N_E:
		if (c == '+' || c == '-') {
			j->sub = N_ESIGN;
			return 1;
		}
		/* fall through */
	case N_ESIGN:
		if (!d)
			return fail(j, AW_ERR_SYNTAX), 1;
		j->sub = N_EXP;
		return 1;
	default:
		return d ? 1 : 0;
	}
}

static int start_value(aw_json_int_ctx *j, char c)
{
	if (j->depth == 0 && c != '{')
		return fail(j, AW_ERR_SYNTAX);      /* the document is an object */
	switch (c) {
	case '{':
		return open_container(j, 1);
	case '[':
		return open_container(j, 0);
	case '"':
		j->st = S_TOKEN;
		j->tok = T_STRING;
		j->sub = 0;
		j->is_key = 0;
		j->kmatch = 0;
		return AW_OK;
	case 't':
	case 'f':
	case 'n':
		if (j->want)
			return fail(j, AW_ERR_SYNTAX);
		j->st = S_TOKEN;
		j->tok = T_LITERAL;
		j->lit = c == 't' ? "true" : c == 'f' ? "false" : "null";
		j->sub = 1;
		return AW_OK;
	default:
		if (c != '-' && !AW_IS_DIGIT(c))
			return fail(j, AW_ERR_SYNTAX);
		j->st = S_TOKEN;
		j->tok = T_NUMBER;
		j->num = 0;
		j->num_big = 0;
		j->num_int = c != '-';
		j->sub = c == '-' ? N_MINUS : c == '0' ? N_ZERO : N_INT;
		if (c != '-')
			j->num = (uint64_t)(c - '0');
		return AW_OK;
	}
}

static int ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

int aw_json_int_feed(aw_json_int_ctx *j, const char *p, size_t n)
{
	size_t i = 0;

	while (i < n && !j->err) {
		char c = p[i];

		if (j->st == S_TOKEN) {
			if (j->tok == T_STRING) {
				string_byte(j, c);
			} else if (j->tok == T_LITERAL) {
				if (c != j->lit[j->sub])
					return fail(j, AW_ERR_SYNTAX);
				if (!j->lit[++j->sub])
					value_done(j);
			} else if (!number_byte(j, c)) {
				if (number_end(j))
					break;
				continue;                /* the byte after the number */
			}
			i++;
			j->offset++;
			continue;
		}
		if (ws(c)) {
			i++;
			j->offset++;
			continue;
		}
		switch (j->st) {
		case S_VALUE:
			start_value(j, c);
			break;
		case S_ARR_FIRST:
			if (c == ']')
				close_container(j, 0);
			else
				start_value(j, c);
			break;
		case S_OBJ_FIRST:
		case S_OBJ_KEY:
			if (c == '}' && j->st == S_OBJ_FIRST) {
				close_container(j, 1);
			} else if (c == '"') {
				j->st = S_TOKEN;
				j->tok = T_STRING;
				j->sub = 0;
				j->is_key = 1;
				j->kmatch = j->depth == 1;
				j->kpos = 0;
			} else {
				fail(j, AW_ERR_SYNTAX);
			}
			break;
		case S_COLON:
			if (c == ':') {
				j->is_key = 0;
				j->st = S_VALUE;
			} else {
				fail(j, AW_ERR_SYNTAX);
			}
			break;
		case S_AFTER:
			if (c == ',')
				j->st = top_is_object(j) ? S_OBJ_KEY : S_VALUE;
			else if (c == '}' || c == ']')
				close_container(j, c == '}');
			else
				fail(j, AW_ERR_SYNTAX);
			break;
		default:                         /* S_DONE: only white space */
			fail(j, AW_ERR_SYNTAX);
			break;
		}
		if (!j->err) {
			i++;
			j->offset++;
		}
	}
	return j->err;
}

int aw_json_int_end(aw_json_int_ctx *j, uint64_t *value)
{
	if (j->err)
		return j->err;
	if (j->st != S_DONE)
		return fail(j, AW_ERR_SYNTAX);
	if (!j->found)
		return AW_ERR_NOTFOUND;
	*value = j->value;
	return AW_OK;
}
