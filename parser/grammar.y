/* SPDX-License-Identifier: GPL-2.0-only */
/* grammar: the bison grammar of .pkt scripts; actions build the model through its
 * constructors (parser/script.c, expr.c, pkt_spec.c, ip_info.c, encap_spec.c,
 * tcp_opt_spec.c, syscall_spec.c). */
%define api.pure full
%define parse.error detailed
%define parse.lac full
%define lr.default-reduction accepting
%define api.location.type {struct loc}
%locations
%param {struct parse_ctx *ctx}
%expect 0

%code requires {
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "parser/diag.h"
#include "parser/parse.h"
#include "parser/script.h"
#include "parser/tcp_opt_spec.h"

#ifndef YY_TYPEDEF_YY_SCANNER_T
#define YY_TYPEDEF_YY_SCANNER_T
typedef void *yyscan_t;
#endif
struct parse_ctx;

/* Open brackets tracked per statement; deeper ones are not. */
#define PARSE_MAX_OPEN 32
}

%code provides {
/* State shared by the scanner (as its extra data), the grammar and parse.c. */
struct parse_ctx {
	yyscan_t scanner;
	struct diag *diag;
	struct defines *defs;
	struct script *script;
	const char *text;	/* the script text the locations index */
	size_t len;
	/* scanner position of the next byte */
	uint32_t offset, line, col;
	/* line of the last OPTION token: words there are not define-substituted */
	uint32_t option_line;
	/* error recovery, see yylex() in grammar.y */
	bool recovering;	/* a syntax or lexical error was just reported */
	bool skipping;		/* dropping tokens up to the next statement */
	bool replay;		/* return the last token again */
	bool replayed;		/* a token was replayed, at byte replayed_at */
	uint32_t replayed_at;
	bool at_eof;
	bool held;		/* the last token was not handed to the parser */
	struct loc prev_loc;	/* the token before the last one */
	int last_tok;
	int prev_tok[3];	/* the three tokens before it, most recent first */
	bool last_first;	/* the last token was the first on its line */
	uint32_t prev_end_line;
	YYSTYPE last_val;
	YYLTYPE last_loc;
	/* Brackets still open in the statement being read, and in the one before
	 * it (what an error at the start of a statement looks at): see open_push(). */
	struct open_stack { struct loc at[PARSE_MAX_OPEN]; char ch[PARSE_MAX_OPEN]; int n; }
		open, prev_open;
	bool time_prefix;	/* only the event time so far: a '<' is a direction */
};

/* The flex scanner (YY_DECL in lexer.l). */
int lexer_scan(YYSTYPE *lval, YYLTYPE *lloc, yyscan_t scanner);

/* Records an option line; applies --define=NAME=VALUE unless NAME is defined
 * already (the command line wins). Takes name and value (value may be NULL). */
void parse_option_line(struct parse_ctx *ctx, char *name, char *value, struct loc loc);
}

%code {
#include <stdlib.h>
#include <string.h>

#include "parser/util/xalloc.h"

/* A rule spans from its first symbol's start to its last symbol's end; an empty
 * rule sits at the end of the symbol before it. */
#define YYLLOC_DEFAULT(cur, rhs, n)                                    \
	do {                                                           \
		if (n) {                                               \
			(cur) = YYRHSLOC(rhs, 1);                      \
			(cur).end = YYRHSLOC(rhs, n).end;              \
		} else {                                               \
			(cur) = YYRHSLOC(rhs, 0);                      \
			(cur).start = (cur).end;                       \
		}                                                      \
	} while (0)

static int yylex(YYSTYPE *lval, YYLTYPE *lloc, struct parse_ctx *ctx);
static void yyerror(YYLTYPE *loc, struct parse_ctx *ctx, const char *msg);
static char *join(char *a, const char *sep, char *b);
static char *wrap(const char *quote, char *s);
static struct num_tok num_value(int64_t v, struct loc loc);
static bool mpls_bottom(struct parse_ctx *ctx, char *word, struct loc loc);
static struct loc span(struct loc a, struct loc b);

static const struct seq_spec no_seq;
}

%union {
	struct num_tok num;
	char *str;
	const char *name;
	int64_t usecs;
	struct expr *expr;
	struct pkt_spec *pkt;
	struct syscall_spec *sys;
	struct event *ev;
	struct event_time time;
	struct ip_info ip;
	struct encap_spec *encap;
	struct tcp_option opt;
	struct tcp_options *opts;
	struct seq_spec seq;
}

%token <str> WORD "word"
%token <str> STRING "string"
%token <str> BACK_QUOTED "backquoted command"
%token <str> CODE "%{ }% code block"
%token <str> OPTION "option"
%token <str> IPV4_ADDR "IPv4 address"
%token <str> IPV6_ADDR "IPv6 address"
%token <num> INTEGER "integer"
%token <num> HEX_INTEGER "hex integer"
%token <num> FLOAT "float"
%token ELLIPSIS "'...'"
%token SYNC "next statement"

/* reserved words (spec 1.3) */
%token K_SA_FAMILY "'sa_family'" K_SIN_PORT "'sin_port'" K_SIN_ADDR "'sin_addr'"
%token K_MSG_NAME "'msg_name'" K_MSG_IOV "'msg_iov'" K_MSG_FLAGS "'msg_flags'"
%token K_MSG_CONTROL "'msg_control'" K_CMSG_DATA "'cmsg_data'" K_CMSG_LEVEL "'cmsg_level'"
%token K_CMSG_TYPE "'cmsg_type'" K_EE_ERRNO "'ee_errno'" K_EE_ORIGIN "'ee_origin'"
%token K_EE_TYPE "'ee_type'" K_EE_CODE "'ee_code'" K_EE_INFO "'ee_info'" K_EE_DATA "'ee_data'"
%token K_SCM_SEC "'scm_sec'" K_SCM_NSEC "'scm_nsec'" K_FD "'fd'" K_U32 "'u32'" K_U64 "'u64'"
%token K_PTR "'ptr'" K_EVENTS "'events'" K_REVENTS "'revents'" K_ONOFF "'onoff'"
%token K_LINGER "'linger'" K_HTONS "'htons'" K_INET_ADDR "'inet_addr'" K_INET6_ADDR "'inet6_addr'"
%token K_IPV4 "'ipv4'" K_IPV6 "'ipv6'" K_ICMP "'icmp'" K_UDP "'udp'" K_GRE "'gre'" K_RAW "'raw'"
%token K_SUM "'sum'" K_OFF "'off'" K_KEY "'key'" K_SEQ "'seq'" K_NONE "'none'"
%token K_CHECKSUM "'checksum'" K_SEQUENCE "'sequence#'" K_PRESENT "'present'" K_ENCAP "'encap'"
%token K_PSP "'psp'" K_SPI "'spi'" K_MPLS "'mpls'" K_LABEL "'label'" K_TC "'tc'" K_TTL "'ttl'"
%token K_ACK "'ack'" K_EOL "'eol'" K_ECR "'ecr'" K_MSS "'mss'" K_MTU "'mtu'" K_NOP "'nop'"
%token K_SACK "'sack'" K_SACKOK "'sackOK'" K_MD5 "'md5'" K_TS "'TS'" K_FO "'FO'"
%token K_FOEXP "'FOEXP'" K_ECN "'ECN'" K_E0B "'e0b'" K_E1B "'e1b'" K_CEB "'ceb'" K_TOS "'tos'"
%token K_FLOWLABEL "'flowlabel'" K_FLAGS "'flags'" K_VAL "'val'" K_WIN "'win'" K_URG "'urg'"
%token K_WSCALE "'wscale'" K_ECT01 "'ect01'" K_ECT0 "'ect0'" K_ECT1 "'ect1'" K_NOECN "'noecn'"
%token K_CE "'ce'" K_ID "'id'"

%type <str> opt_value opt_atom tcp_flags hexblob note note_words note_word
%type <name> epoll_key
%type <usecs> time
%type <time> event_time
%type <ev> action
%type <pkt> packet pkt_dir pkt_outer pkt_ip pkt_head
%type <pkt> tcp_head tcp_base tcp_ack tcp_win tcp_urg tcp_packet
%type <pkt> udp_head udp_packet icmp_head icmp_mtu icmp_echo_id icmp_packet
%type <sys> syscall syscall_head syscall_res syscall_err
%type <expr> expr strings list_expr expr_list args_opt struct_body msg_control_opt
%type <expr> revents_opt mpls_entries mpls_entry gre_fields
%type <num> int gre_flags gre_flag gre_flag_list
%type <ip> ip_info ip_info_opt ip_spec tos_spec
%type <encap> outer
%type <opt> tcp_option sack_list accecn
%type <opts> tcp_options tcp_option_list
%type <seq> seq

%destructor { free($$); } <str> <opts>
%destructor { expr_free($$); } <expr>
%destructor { pkt_spec_free($$); } <pkt>
%destructor { syscall_spec_free($$); } <sys>
%destructor { script_event_free($$); } <ev>
%destructor { encap_spec_free($$); } <encap>

%precedence '='
%left '|'

%%

script
	: %empty
	| script item
	;

item
	: option_line
	| BACK_QUOTED			{ script_add_untimed(ctx->script, ctx->diag, $1, @1); }
	| event_time action		{ script_add_event(ctx->script, ctx->diag, $2, $1, @1); }
	| error SYNC			{ yyerrok; }
	;

/* ---- option lines ---- */

option_line
	: OPTION			{ parse_option_line(ctx, $1, NULL, @$); }
	| OPTION '=' opt_value		{ parse_option_line(ctx, $1, $3, @$); }
	;

opt_value
	: opt_atom
	| opt_value ',' opt_atom	{ $$ = join($1, ",", $3); }
	| opt_value '/' opt_atom	{ $$ = join($1, "/", $3); }
	| WORD '=' opt_atom		{ $$ = join($1, "=", $3); }
	;

opt_atom
	: WORD
	| IPV4_ADDR
	| IPV6_ADDR
	| INTEGER			{ $$ = xstrndup($1.text, $1.len); }
	| HEX_INTEGER			{ $$ = xstrndup($1.text, $1.len); }
	| FLOAT				{ $$ = xstrndup($1.text, $1.len); }
	| STRING			{ $$ = wrap("\"", $1); }
	| BACK_QUOTED			{ $$ = wrap("`", $1); }
	| K_IPV4			{ $$ = xstrdup("ipv4"); }
	| K_IPV6			{ $$ = xstrdup("ipv6"); }
	;

/* ---- event times ---- */

time
	: INTEGER			{ $$ = script_time_usecs(ctx->diag, &$1); }
	| FLOAT				{ $$ = script_time_usecs(ctx->diag, &$1); }
	;

event_time
	: time				{ $$ = (struct event_time){ TIME_ABSOLUTE, $1, 0 }; }
	| '+' time			{ $$ = (struct event_time){ TIME_RELATIVE, $2, 0 }; }
	| '*'				{ $$ = (struct event_time){ TIME_ANY, 0, 0 }; }
	| time '~' time
		{ $$ = script_time_range(ctx->diag, TIME_ABSOLUTE_RANGE, $1, $3, @$); }
	| '+' time '~' '+' time
		{ $$ = script_time_range(ctx->diag, TIME_RELATIVE_RANGE, $2, $5, @$); }
	;

action
	: packet			{ $$ = script_event_new(EVENT_PACKET, $1); }
	| syscall			{ $$ = script_event_new(EVENT_SYSCALL, $1); }
	| BACK_QUOTED			{ $$ = script_event_new(EVENT_COMMAND, $1); }
	| CODE				{ $$ = script_event_new(EVENT_CODE, $1); }
	;

/* ---- packets ---- */

packet
	: tcp_packet
	| udp_packet
	| icmp_packet
	;

pkt_dir
	: '<'				{ $$ = pkt_spec_new(PKT_INBOUND); }
	| '>'				{ $$ = pkt_spec_new(PKT_OUTBOUND); }
	;

pkt_outer
	: pkt_dir
	| pkt_outer outer		{ pkt_spec_add_encap($1, $2); $$ = $1; }
	;

pkt_ip
	: pkt_outer
	| pkt_outer ip_info		{ pkt_spec_set_ip(ctx->diag, $1, $2, @2); $$ = $1; }
	;

pkt_head
	: pkt_ip
	| pkt_ip K_ENCAP K_PSP K_SPI int { pkt_spec_set_psp(ctx->diag, $1, &$5); $$ = $1; }
	;

tcp_head
	: pkt_head
	| pkt_head INTEGER '>' INTEGER
		{ pkt_spec_set_ports(ctx->diag, $1, &$2, &$4); $$ = $1; }
	;

tcp_base
	: tcp_head tcp_flags seq
		{
			pkt_spec_set_flags(ctx->diag, $1, $2, @2);
			free($2);
			pkt_spec_set_seq($1, $3);
			$$ = $1;
		}
	;

tcp_ack
	: tcp_base
	| tcp_base K_ACK INTEGER	{ pkt_spec_set_ack(ctx->diag, $1, &$3); $$ = $1; }
	;

tcp_win
	: tcp_ack
	| tcp_ack K_WIN INTEGER		{ pkt_spec_set_win(ctx->diag, $1, &$3); $$ = $1; }
	;

tcp_urg
	: tcp_win
	| tcp_win K_URG INTEGER		{ pkt_spec_set_urg(ctx->diag, $1, &$3); $$ = $1; }
	;

tcp_packet
	: tcp_urg			{ pkt_spec_finish_tcp(ctx->diag, $1, @$); $$ = $1; }
	| tcp_urg tcp_options
		{
			pkt_spec_set_options(ctx->diag, $1, $2, @2);
			pkt_spec_finish_tcp(ctx->diag, $1, @$);
			$$ = $1;
		}
	;

/* "S.5" lexes as WORD "S" and FLOAT ".5"; both are joined again here. */
tcp_flags
	: WORD
	| WORD '.'			{ $$ = join($1, ".", NULL); }
	| WORD FLOAT			{ $$ = join($1, "", xstrndup($2.text, $2.len)); }
	| FLOAT				{ $$ = xstrndup($1.text, $1.len); }
	| '.'				{ $$ = xstrdup("."); }
	| '-'				{ $$ = xstrdup("-"); }
	;

seq
	: INTEGER ':' INTEGER '(' INTEGER ')'
		{ $$ = pkt_spec_seq_make(ctx->diag, &$1, &$3, &$5, @$); }
	;

tcp_options
	: '<' ELLIPSIS '>'		{ $$ = NULL; }
	| '<' tcp_option_list '>'	{ tcp_opt_spec_list_finish(ctx->diag, $2, @$); $$ = $2; }
	;

tcp_option_list
	: tcp_option
		{ $$ = tcp_opt_spec_list_new(); tcp_opt_spec_list_add(ctx->diag, $$, &$1, @1); }
	| tcp_option_list ',' tcp_option
		{ tcp_opt_spec_list_add(ctx->diag, $1, &$3, @3); $$ = $1; }
	;

tcp_option
	: K_NOP				{ $$ = tcp_opt_spec_simple(TCPO_NOP, 1); }
	| K_EOL				{ $$ = tcp_opt_spec_simple(TCPO_EOL, 1); }
	| K_MSS INTEGER			{ $$ = tcp_opt_spec_mss(ctx->diag, &$2); }
	| K_WSCALE INTEGER		{ $$ = tcp_opt_spec_wscale(ctx->diag, &$2); }
	| K_SACKOK			{ $$ = tcp_opt_spec_simple(TCPO_SACK_PERMITTED, 2); }
	| sack_list
	| K_TS K_VAL INTEGER K_ECR INTEGER { $$ = tcp_opt_spec_ts(ctx->diag, &$3, &$5); }
	| K_MD5 hexblob
		{ $$ = tcp_opt_spec_blob(ctx->diag, TCPO_MD5SIG, $2, @2); }
	| K_FO
		{ $$ = tcp_opt_spec_blob(ctx->diag, TCPO_FASTOPEN, NULL, @1); }
	| K_FO hexblob
		{ $$ = tcp_opt_spec_blob(ctx->diag, TCPO_FASTOPEN, $2, @2); }
	| K_FOEXP
		{ $$ = tcp_opt_spec_blob(ctx->diag, TCPO_FASTOPEN_EXP, NULL, @1); }
	| K_FOEXP hexblob
		{ $$ = tcp_opt_spec_blob(ctx->diag, TCPO_FASTOPEN_EXP, $2, @2); }
	| K_ECN accecn			{ $$ = $2; }
	;

sack_list
	: K_SACK INTEGER ':' INTEGER
		{
			$$ = tcp_opt_spec_sack();
			tcp_opt_spec_sack_add(ctx->diag, &$$, &$2, &$4, span(@2, @4));
		}
	| sack_list INTEGER ':' INTEGER
		{ $$ = $1; tcp_opt_spec_sack_add(ctx->diag, &$$, &$2, &$4, span(@2, @4)); }
	;

/* A define whose value is all digits gives an INTEGER token; its text is the value. */
hexblob
	: WORD
	| INTEGER			{ $$ = xstrndup($1.text, $1.len); }
	;

accecn
	: K_E0B INTEGER
		{ $$ = tcp_opt_spec_accecn(ctx->diag, TCPO_ACCECN0, &$2, NULL, NULL); }
	| K_E0B INTEGER K_CEB INTEGER
		{ $$ = tcp_opt_spec_accecn(ctx->diag, TCPO_ACCECN0, &$2, &$4, NULL); }
	| K_E0B INTEGER K_CEB INTEGER K_E1B INTEGER
		{ $$ = tcp_opt_spec_accecn(ctx->diag, TCPO_ACCECN0, &$2, &$4, &$6); }
	| K_E1B INTEGER
		{ $$ = tcp_opt_spec_accecn(ctx->diag, TCPO_ACCECN1, &$2, NULL, NULL); }
	| K_E1B INTEGER K_CEB INTEGER
		{ $$ = tcp_opt_spec_accecn(ctx->diag, TCPO_ACCECN1, &$2, &$4, NULL); }
	| K_E1B INTEGER K_CEB INTEGER K_E0B INTEGER
		{ $$ = tcp_opt_spec_accecn(ctx->diag, TCPO_ACCECN1, &$2, &$4, &$6); }
	;

ip_info
	: '(' ip_spec ')'		{ $$ = $2; }
	| '[' ip_spec ']'		{ $$ = $2; }
	;

ip_info_opt
	: %empty			{ $$ = ip_info_none(); }
	| ip_info
	;

ip_spec
	: tos_spec
	| K_FLOWLABEL HEX_INTEGER	{ $$ = ip_info_flowlabel(ctx->diag, ip_info_none(), &$2); }
	| K_TTL INTEGER			{ $$ = ip_info_ttl(ctx->diag, &$2); }
	| tos_spec ',' K_FLOWLABEL HEX_INTEGER { $$ = ip_info_flowlabel(ctx->diag, $1, &$4); }
	;

tos_spec
	: K_NOECN			{ $$ = ip_info_ecn(ECN_NOECN); }
	| K_ECT0			{ $$ = ip_info_ecn(ECN_ECT0); }
	| K_ECT1			{ $$ = ip_info_ecn(ECN_ECT1); }
	| K_CE				{ $$ = ip_info_ecn(ECN_CE); }
	| K_ECT01			{ $$ = ip_info_ecn(ECN_01); }
	| K_TOS HEX_INTEGER		{ $$ = ip_info_tos(ctx->diag, &$2); }
	;

outer
	: K_IPV4 ip_info_opt IPV4_ADDR '>' IPV4_ADDR ':'
		{ $$ = encap_spec_new_ip(ENCAP_IPV4, $2, $3, @3, $5, @5, span(@1, @5)); }
	| K_IPV6 ip_info_opt IPV6_ADDR '>' IPV6_ADDR ':'
		{ $$ = encap_spec_new_ip(ENCAP_IPV6, $2, $3, @3, $5, @5, span(@1, @5)); }
	| K_GRE ':'			{ $$ = encap_spec_new(ENCAP_GRE, NULL, @1); }
	| K_GRE gre_fields ':'		{ $$ = encap_spec_new(ENCAP_GRE, $2, span(@1, @2)); }
	| K_GRE ',' gre_fields ':'	{ $$ = encap_spec_new(ENCAP_GRE, $3, span(@1, @3)); }
	| K_MPLS mpls_entries ':'	{ $$ = encap_spec_new(ENCAP_MPLS, $2, span(@1, @2)); }
	;

gre_fields
	: gre_flags comma_opt K_SUM int comma_opt K_OFF int comma_opt
	  K_KEY eq_opt int comma_opt K_SEQ int
		{ $$ = encap_spec_gre(ctx->diag, &$1, &$4, &$7, &$11, &$14, @$); }
	;

gre_flags
	: K_FLAGS '[' gre_flag_list ']'	{ $$ = $3; }
	| K_FLAGS int			{ $$ = $2; }
	;

gre_flag_list
	: gre_flag
	| gre_flag_list ',' gre_flag	{ $$ = $1; $$.i |= $3.i; }
	;

gre_flag
	: K_NONE			{ $$ = num_value(0, @$); }
	| K_CHECKSUM K_PRESENT		{ $$ = num_value(0x8000, @$); }
	| K_KEY K_PRESENT		{ $$ = num_value(0x2000, @$); }
	| K_SEQUENCE K_PRESENT		{ $$ = num_value(0x1000, @$); }
	;

comma_opt
	: %empty
	| ','
	;

eq_opt
	: %empty
	| '='
	;

mpls_entries
	: %empty			{ $$ = expr_new(EXPR_MPLS_STACK, @$); }
	| mpls_entries mpls_entry	{ $$ = expr_append($1, $2); }
	;

mpls_entry
	: '(' K_LABEL INTEGER ',' K_TC INTEGER ',' K_TTL INTEGER ')'
		{ $$ = encap_spec_mpls_entry(ctx->diag, &$3, &$6, false, &$9, @$); }
	| '(' K_LABEL INTEGER ',' K_TC INTEGER ',' '[' WORD ']' ',' K_TTL INTEGER ')'
		{
			bool bottom = mpls_bottom(ctx, $9, @9);

			$$ = encap_spec_mpls_entry(ctx->diag, &$3, &$6, bottom, &$13, @$);
		}
	;

udp_head
	: pkt_head K_UDP		{ $$ = $1; }
	| pkt_head K_UDP INTEGER '>' INTEGER
		{ pkt_spec_set_ports(ctx->diag, $1, &$3, &$5); $$ = $1; }
	;

udp_packet
	: udp_head '(' INTEGER ')'	{ pkt_spec_set_udp(ctx->diag, $1, &$3); $$ = $1; }
	;

icmp_head
	: pkt_head K_ICMP WORD		{ pkt_spec_set_icmp($1, $3, @3, NULL, @3); $$ = $1; }
	| pkt_head K_ICMP WORD WORD	{ pkt_spec_set_icmp($1, $3, @3, $4, @4); $$ = $1; }
	;

icmp_mtu
	: icmp_head
	| icmp_head K_MTU INTEGER	{ pkt_spec_set_mtu(ctx->diag, $1, &$3); $$ = $1; }
	;

icmp_echo_id
	: icmp_mtu
	| icmp_mtu K_ID INTEGER
		{ pkt_spec_set_icmp_id(ctx->diag, $1, &$3); $$ = $1; }
	;

icmp_packet
	: icmp_echo_id
	| icmp_echo_id '[' seq ']'
		{ pkt_spec_set_echoed(ctx->diag, $1, ICMP_ECHOED_TCP, $3, NULL); $$ = $1; }
	| icmp_echo_id '[' K_UDP '(' INTEGER ')' ']'
		{
			pkt_spec_set_echoed(ctx->diag, $1, ICMP_ECHOED_UDP, no_seq, &$5);
			$$ = $1;
		}
	| icmp_echo_id '[' K_RAW '(' INTEGER ')' ']'
		{
			pkt_spec_set_echoed(ctx->diag, $1, ICMP_ECHOED_RAW, no_seq, &$5);
			$$ = $1;
		}
	;

/* ---- system calls ---- */

syscall_head
	: WORD '(' args_opt ')'		{ $$ = syscall_spec_new($1, @1, $3); }
	| ELLIPSIS time WORD '(' args_opt ')'
		{ $$ = syscall_spec_new($3, @3, $5); $$->blocking = true; $$->end_usecs = $2; }
	;

args_opt
	: %empty			{ $$ = NULL; }
	| expr_list
	;

syscall_res
	: syscall_head '=' expr		{ $1->result = $3; $$ = $1; }
	;

/* An errno name must be followed by a note; a note may also come alone. */
syscall_err
	: syscall_res
	| syscall_res WORD note
		{ $1->errno_name = $2; $1->errno_loc = @2; $1->note = $3; $$ = $1; }
	;

syscall
	: syscall_err
	| syscall_err note		{ free($1->note); $1->note = $2; $$ = $1; }
	;

note
	: '(' note_words ')'		{ $$ = $2; }
	;

note_words
	: note_word
	| note_words note_word		{ $$ = join($1, " ", $2); }
	;

note_word
	: WORD
	| K_FLAGS			{ $$ = xstrdup("flags"); }
	;

/* ---- expressions (syscall arguments) ---- */

expr
	: ELLIPSIS			{ $$ = expr_new(EXPR_ELLIPSIS, @$); }
	| int				{ $$ = expr_new_int($1.i, @$); }
	| WORD				{ $$ = expr_new_text(EXPR_WORD, $1, @$); }
	| strings
	| strings ELLIPSIS		{ $$ = $1; $$->string_ellipsis = true; $$->loc = @$; }
	| expr '|' expr			{ $$ = expr_new_binary($1, $3, @$); }
	| WORD '=' expr			{ $$ = expr_new_keyval($1, $3, @$); }
	| list_expr
	| K_INET_ADDR '(' STRING ')'	{ $$ = expr_new_inet_addr(ctx->diag, $3, @3, @$); }
	| K_INET6_ADDR '(' STRING ')'	{ $$ = expr_new_text(EXPR_IN6_ADDR, $3, @$); }
	| '{' struct_body '}'		{ $$ = $2; $$->loc = @$; }
	| '{' expr_list '}'		{ $$ = expr_finish_struct($2, @$); }
	| '{' mpls_entries '}'		{ $$ = $2; $$->loc = @$; }
	| '{' gre_fields '}'		{ $$ = $2; $$->loc = @$; }
	;

int
	: INTEGER
	| HEX_INTEGER
	;

strings
	: STRING			{ $$ = expr_new_text(EXPR_STRING, $1, @$); }
	| strings STRING		{ $$ = expr_concat($1, $2, @2); }
	;

list_expr
	: '[' ']'			{ $$ = expr_new(EXPR_LIST, @$); }
	| '[' expr_list ']'		{ $$ = $2; $$->loc = @$; }
	;

expr_list
	: expr				{ $$ = expr_append(expr_new(EXPR_LIST, @$), $1); }
	| expr_list ',' expr		{ $$ = expr_append($1, $3); }
	;

struct_body
	: K_SA_FAMILY '=' WORD ',' K_SIN_PORT '=' K_HTONS '(' INTEGER ')' ','
	  K_SIN_ADDR '=' K_INET_ADDR '(' STRING ')'
		{
			$$ = expr_new_fields(EXPR_SOCKADDR_IN, @$,
				"sa_family", expr_new_text(EXPR_WORD, $3, @3),
				"sin_port", expr_new_int($9.i, @9), "sin_addr",
				expr_new_inet_addr(ctx->diag, $16, @16, span(@14, @17)), NULL);
		}
	| K_MSG_NAME '(' ELLIPSIS ')' '=' ELLIPSIS ',' K_MSG_IOV '(' INTEGER ')' '=' list_expr ','
	  K_MSG_FLAGS '=' expr msg_control_opt
		{
			$$ = expr_new_fields(EXPR_MSGHDR, @$,
				"msg_name", expr_new(EXPR_ELLIPSIS, @6),
				"msg_iovlen", expr_new_int($10.i, @10), "msg_iov", $13,
				"msg_flags", $17, "msg_control", $18, NULL);
		}
	| K_FD '=' expr ',' K_EVENTS '=' expr revents_opt
		{
			$$ = expr_new_fields(EXPR_POLLFD, @$, "fd", $3, "events", $7,
					     "revents", $8, NULL);
		}
	| K_EVENTS '=' expr ',' epoll_key '=' expr
		{ $$ = expr_new_fields(EXPR_EPOLLEV, @$, "events", $3, $5, $7, NULL); }
	| K_ONOFF '=' expr ',' K_LINGER '=' expr
		{ $$ = expr_new_fields(EXPR_LINGER, @$, "onoff", $3, "linger", $7, NULL); }
	| K_CMSG_LEVEL '=' expr ',' K_CMSG_TYPE '=' expr ',' K_CMSG_DATA '=' expr
		{
			$$ = expr_new_fields(EXPR_CMSG, @$, "cmsg_level", $3, "cmsg_type", $7,
					     "cmsg_data", $11, NULL);
		}
	| K_SCM_SEC '=' expr ',' K_SCM_NSEC '=' expr
		{
			$$ = expr_new_fields(EXPR_SCM_TIMESTAMPING, @$, "scm_sec", $3,
					     "scm_nsec", $7, NULL);
		}
	| K_EE_ERRNO '=' expr ',' K_EE_ORIGIN '=' expr ',' K_EE_TYPE '=' expr ','
	  K_EE_CODE '=' expr ',' K_EE_INFO '=' expr ',' K_EE_DATA '=' expr
		{
			$$ = expr_new_fields(EXPR_SOCK_EXTENDED_ERR, @$, "ee_errno", $3,
				"ee_origin", $7, "ee_type", $11, "ee_code", $15, "ee_info", $19,
				"ee_data", $23, NULL);
		}
	;

msg_control_opt
	: %empty			{ $$ = NULL; }
	| ',' K_MSG_CONTROL '=' list_expr { $$ = $4; }
	;

revents_opt
	: %empty			{ $$ = NULL; }
	| ',' K_REVENTS '=' expr	{ $$ = $4; }
	;

epoll_key
	: K_FD				{ $$ = "fd"; }
	| K_PTR				{ $$ = "ptr"; }
	| K_U32				{ $$ = "u32"; }
	| K_U64				{ $$ = "u64"; }
	;

%%

static struct loc span(struct loc a, struct loc b)
{
	a.end = b.end;
	return a;
}

static struct num_tok num_value(int64_t v, struct loc loc)
{
	struct num_tok n = { .i = v, .f = (double)v, .loc = loc };

	return n;
}

/* Joins a, sep and b (b may be NULL) into a new string; frees a and b. */
static char *join(char *a, const char *sep, char *b)
{
	size_t na = strlen(a), ns = strlen(sep), nb = b ? strlen(b) : 0;
	char *s = xmalloc(na + ns + nb + 1);

	memcpy(s, a, na);
	memcpy(s + na, sep, ns);
	memcpy(s + na + ns, b ? b : "", nb + 1);
	free(a);
	free(b);
	return s;
}

/* Puts the quotes back around a STRING or BACK_QUOTED option value. */
static char *wrap(const char *quote, char *s)
{
	return join(join(xstrdup(quote), "", s), quote, NULL);
}

static bool mpls_bottom(struct parse_ctx *ctx, char *word, struct loc loc)
{
	bool ok = !strcmp(word, "S");

	if (!ok)
		diag_error(ctx->diag, loc, "expected [S] for MPLS label stack bottom");
	free(word);
	return ok;
}

/* ---- tokens and error recovery ----
 *
 * After an error the parser pops to the script level and shifts `error`; the
 * rule `item: error SYNC` then needs the synthetic SYNC token. yylex() produces
 * it at the next statement start: the first token on a line that can begin an
 * item (a time, an option or a command) or end of file. The token after SYNC is
 * that statement start, replayed. So every error skips the rest of its statement
 * and parsing goes on with the next line.
 */

static bool owns_str(int tok)
{
	switch (tok) {
	case WORD: case STRING: case BACK_QUOTED: case CODE: case OPTION:
	case IPV4_ADDR: case IPV6_ADDR:
		return true;
	default:
		return false;
	}
}

static bool statement_start(int tok, bool first_on_line)
{
	if (tok == YYEOF)
		return true;
	return first_on_line && (tok == INTEGER || tok == FLOAT || tok == '+' || tok == '*' ||
				 tok == OPTION || tok == BACK_QUOTED);
}

/* Keeps the stack of brackets open in the current statement: '(' '[' '{' and
 * the '<' of TCP options (not a packet's direction, which follows the event
 * time). A statement start moves it to prev_open, so that an error found only
 * at the next statement can name what the last one left open. */
static void track_brackets(struct parse_ctx *ctx, int tok, const YYLTYPE *lloc)
{
	static const char closer[] = {['('] = ')', ['['] = ']', ['{'] = '}', ['<'] = '>'};
	struct open_stack *o = &ctx->open;
	bool time_prefix = ctx->time_prefix;

	if (statement_start(tok, ctx->last_first)) {
		ctx->prev_open = *o;
		o->n = 0;
		ctx->time_prefix = true;
		return;
	}
	ctx->time_prefix = time_prefix && (tok == INTEGER || tok == FLOAT || tok == '+' ||
					   tok == '~' || tok == '*');
	if ((tok == '(' || tok == '[' || tok == '{' || (tok == '<' && !time_prefix))) {
		if (o->n < PARSE_MAX_OPEN) {
			o->at[o->n] = *lloc;
			o->ch[o->n] = (char)tok;
		}
		o->n++;
		return;
	}
	if (o->n > 0 && o->n <= PARSE_MAX_OPEN && (tok == ')' || tok == ']' || tok == '}' ||
						   tok == '>') &&
	    closer[(unsigned char)o->ch[o->n - 1]] == tok)
		o->n--;
}

static int next_token(YYSTYPE *lval, YYLTYPE *lloc, struct parse_ctx *ctx)
{
	int tok;

	if (ctx->at_eof) {
		*lloc = ctx->last_loc;
		return YYEOF;
	}
	tok = lexer_scan(lval, lloc, ctx->scanner);
	memmove(&ctx->prev_tok[1], &ctx->prev_tok[0], 2 * sizeof(ctx->prev_tok[0]));
	ctx->prev_tok[0] = ctx->last_tok;
	ctx->last_first = lloc->line > ctx->prev_end_line;
	ctx->prev_end_line = ctx->line;
	ctx->prev_loc = ctx->last_loc;
	ctx->last_tok = tok;
	ctx->last_val = *lval;
	ctx->last_loc = *lloc;
	ctx->at_eof = tok == YYEOF;
	track_brackets(ctx, tok, lloc);
	return tok;
}

static int resync(YYSTYPE *lval, YYLTYPE *lloc, struct parse_ctx *ctx)
{
	int tok = ctx->last_tok;

	ctx->recovering = false;
	/* The parser has discarded the offending token; replay it if it starts a
	 * statement (and its value was not freed with it, or it was held back
	 * from the parser). Never replay the same token twice, so that every
	 * recovery makes progress. */
	bool held = ctx->held;
	ctx->held = false;
	if (held && !statement_start(tok, ctx->last_first) && owns_str(tok))
		free(lval->str);
	if (!statement_start(tok, ctx->last_first) || (owns_str(tok) && !held) ||
	    (tok != YYEOF && ctx->replayed && ctx->replayed_at == ctx->last_loc.start)) {
		ctx->skipping = true;
		for (;;) {
			tok = next_token(lval, lloc, ctx);
			if (statement_start(tok, ctx->last_first))
				break;
			if (owns_str(tok))
				free(lval->str);
		}
		ctx->skipping = false;
	}
	ctx->replay = true;
	ctx->replayed = true;
	ctx->replayed_at = ctx->last_loc.start;
	*lloc = ctx->last_loc;
	return SYNC;
}

static int yylex(YYSTYPE *lval, YYLTYPE *lloc, struct parse_ctx *ctx)
{
	if (ctx->replay) {
		ctx->replay = false;
		*lval = ctx->last_val;
		*lloc = ctx->last_loc;
		return ctx->last_tok;
	}
	if (ctx->recovering)
		return resync(lval, lloc, ctx);
	int tok = next_token(lval, lloc, ctx);
	/* "--mtu=" at the end of its line would take the next line's first
	 * token as its value; say so at the '=' and parse that line as itself. */
	if (ctx->prev_tok[0] == '=' && ctx->prev_tok[1] == OPTION && ctx->last_first) {
		diag_error(ctx->diag, ctx->prev_loc,
			   "option value missing after '=' (it must be on the option's line)");
		ctx->recovering = true;
		ctx->held = true;
		return YYerror;
	}
	return tok;
}

/* A hint for two common mistakes that otherwise surface on the next line. */
static const char *hint(const struct parse_ctx *ctx, const char *msg)
{
	bool line_start = ctx->last_first || ctx->last_tok == YYEOF;

	if (line_start && ctx->prev_tok[0] == WORD && ctx->prev_tok[2] == '=' &&
	    strstr(msg, "expecting '('"))
		return " (an errno name must be followed by a note, e.g. \"(Bad file descriptor)\")";
	if (line_start && strstr(msg, "')'"))
		return " (missing ')'?)";
	if (ctx->last_tok == '-' && ctx->prev_tok[1] == '=' && ctx->prev_tok[2] == OPTION)
		return " (an option value with '-' in it must be quoted, e.g. "
		       "--ip_version=\"ipv4-mapped-ipv6\")";
	return "";
}

/* A statement cut short by the end of its line (the error is at the next
 * statement, or at the end of the file) with a bracket left open whose closer
 * the parser expected: reported at that bracket, on its own line. Returns
 * true if it did. */
static bool report_unclosed(struct parse_ctx *ctx, const char *msg)
{
	static const char closer[] = {['('] = ')', ['['] = ']', ['{'] = '}', ['<'] = '>'};
	const struct open_stack *o = &ctx->prev_open;
	const char *expecting = strstr(msg, "expecting ");

	if (!expecting || !(ctx->last_tok == YYEOF || statement_start(ctx->last_tok,
									  ctx->last_first)))
		return false;
	for (int i = (o->n < PARSE_MAX_OPEN ? o->n : PARSE_MAX_OPEN) - 1; i >= 0; i--) {
		char want[4] = {'\'', closer[(unsigned char)o->ch[i]], '\'', '\0'};
		struct loc at = o->at[i];

		if (!strstr(expecting, want))
			continue;
		/* underline what follows the bracket on its line */
		if (ctx->prev_loc.line == at.line && ctx->prev_loc.end > at.end)
			at.end = ctx->prev_loc.end;
		diag_error(ctx->diag, at, "'%c' is not closed: expected %s before %s", o->ch[i],
			   want, ctx->last_tok == YYEOF ? "the end of the file" : "the next line");
		return true;
	}
	return false;
}

/* Bison's detailed message is "syntax error, unexpected X, expecting Y"; the
 * offending text is quoted in front of the explanation. */
static void yyerror(YYLTYPE *loc, struct parse_ctx *ctx, const char *msg)
{
	const char *prefix = "syntax error, ";
	const char *text = ctx->text + loc->start;
	size_t n = loc->end - loc->start;
	struct strbuf quoted = STRBUF_INIT;

	ctx->recovering = true;
	if (!strcmp(msg, "memory exhausted")) {
		diag_error(ctx->diag, *loc, "nesting too deep (parser stack exhausted)");
		return;
	}
	if (strncmp(msg, prefix, strlen(prefix))) {
		diag_error(ctx->diag, *loc, "%s", msg);
		return;
	}
	msg += strlen(prefix);
	if (report_unclosed(ctx, msg))
		return;
	if (ctx->last_tok == YYEOF || !n) {
		diag_error(ctx->diag, *loc, "syntax error at end of file: %s%s", msg, hint(ctx, msg));
		return;
	}
	for (size_t i = 0; i < n; i++)
		if (text[i] == '\n')
			n = i;
	diag_append_sanitized(&quoted, text, n > 40 ? 37 : n);
	diag_error(ctx->diag, *loc, "syntax error at '%s%s': %s%s", strbuf_str(&quoted),
		   n > 40 ? "..." : "", msg, hint(ctx, msg));
	strbuf_free(&quoted);
}
