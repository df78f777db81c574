/* libconfig's error texts (config_error_text: "syntax error", "duplicate
 * setting name", ...) in the user's language. The library writes them in
 * English only, from a small fixed set; ticketty's configuration and
 * `admin policy load` show them after FILE:LINE. */
#ifndef TICKETTY_UTIL_CONF_ERROR_H
#define TICKETTY_UTIL_CONF_ERROR_H

/* The translation of `text` when it is one of libconfig's known error
 * texts, else `text` itself (a newer library's words, shown as it wrote
 * them); "" for NULL. A static string or `text`: not the caller's. */
const char *conf_error_text(const char *text);

#endif
