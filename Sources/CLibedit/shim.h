// shim.h — the C surface of libedit that Swift can call.
//
// Swift cannot call variadic C functions, and el_set, el_get and history are variadic. Each
// wrapper below fixes one call shape, so every argument list ends where libedit expects it to.
// The wrappers also reach the C stdio globals (stdin, stdout, stderr), which Swift 6 rejects.

#ifndef OIH_CLIBEDIT_SHIM_H
#define OIH_CLIBEDIT_SHIM_H

#include <histedit.h>
#include <stdio.h>
#include <sys/ioctl.h>

/// The signature of a user-defined editor function (EL_ADDFN): returns a CC_* code.
typedef unsigned char (*oih_el_func_t)(EditLine *, int);

/// The signature of a prompt function (EL_PROMPT).
typedef char *(*oih_el_prompt_t)(EditLine *);

/// el_init on the process's standard input, output and error streams.
static inline EditLine *oih_el_init(const char *program) {
  return el_init(program, stdin, stdout, stderr);
}

/// EL_PROMPT: the function that returns the prompt string.
static inline int oih_el_set_prompt(EditLine *el, oih_el_prompt_t prompt) {
  return el_set(el, EL_PROMPT, prompt);
}

/// EL_EDITOR: "emacs" or "vi".
static inline int oih_el_set_editor(EditLine *el, const char *mode) {
  return el_set(el, EL_EDITOR, mode);
}

/// EL_SIGNAL: 1 lets libedit install its own signal handlers while editing.
static inline int oih_el_set_signal(EditLine *el, int flag) {
  return el_set(el, EL_SIGNAL, flag);
}

/// EL_EDITMODE: 0 turns editing off.
static inline int oih_el_set_editmode(EditLine *el, int flag) {
  return el_set(el, EL_EDITMODE, flag);
}

/// EL_REFRESH: forget what is on the screen and draw the prompt and line at the cursor.
static inline int oih_el_refresh(EditLine *el) {
  return el_set(el, EL_REFRESH);
}

/// EL_BIND key command: binds one key sequence to a named editor command.
static inline int oih_el_bind(EditLine *el, const char *key, const char *command) {
  return el_set(el, EL_BIND, key, command, (const char *)NULL);
}

/// EL_ADDFN name help function: adds a user-defined editor command.
static inline int oih_el_addfn(
  EditLine *el, const char *name, const char *help, oih_el_func_t function
) {
  return el_set(el, EL_ADDFN, name, help, function);
}

/// EL_SETTY mode setting: e.g. ("-d", "-isig") clears ISIG in the editing tty mode.
static inline int oih_el_setty(EditLine *el, const char *mode, const char *setting) {
  return el_set(el, EL_SETTY, mode, setting, (const char *)NULL);
}

/// EL_HIST: connects an in-memory History to the editor (Up/Down).
static inline int oih_el_set_hist(EditLine *el, History *hist) {
  return el_set(el, EL_HIST, history, hist);
}

/// EL_GETCFN: the function libedit calls to read one (wide) character.
static inline int oih_el_set_getcfn(EditLine *el, el_rfunc_t function) {
  return el_set(el, EL_GETCFN, function);
}

/// EL_CLIENTDATA (set): an opaque pointer handed back to callbacks.
static inline int oih_el_set_clientdata(EditLine *el, void *data) {
  return el_set(el, EL_CLIENTDATA, data);
}

/// EL_CLIENTDATA (get): the pointer stored with oih_el_set_clientdata, or NULL.
static inline void *oih_el_get_clientdata(EditLine *el) {
  void *data = NULL;
  if (el_get(el, EL_CLIENTDATA, &data) != 0) {
    return NULL;
  }
  return data;
}

/// H_SETSIZE: how many events the history keeps.
static inline int oih_history_setsize(History *hist, int size) {
  HistEvent event;
  return history(hist, &event, H_SETSIZE, size);
}

/// H_SETUNIQUE: 1 skips an event equal to the previous one.
static inline int oih_history_setunique(History *hist, int flag) {
  HistEvent event;
  return history(hist, &event, H_SETUNIQUE, flag);
}

/// H_ENTER: adds a line as the newest event.
static inline int oih_history_enter(History *hist, const char *line) {
  HistEvent event;
  return history(hist, &event, H_ENTER, line);
}

/// H_CLEAR: forgets every event.
static inline int oih_history_clear(History *hist) {
  HistEvent event;
  return history(hist, &event, H_CLEAR);
}

/// H_GETSIZE: the number of events held.
static inline int oih_history_count(History *hist) {
  HistEvent event;
  if (history(hist, &event, H_GETSIZE) != 0) {
    return 0;
  }
  return event.num;
}

/// The terminal's column count from TIOCGWINSZ, or 0 if unknown (ioctl is variadic too).
static inline int oih_terminal_columns(int fd) {
  struct winsize size;
  if (ioctl(fd, TIOCGWINSZ, &size) != 0) {
    return 0;
  }
  return (int)size.ws_col;
}

/// The terminal's row count from TIOCGWINSZ, or 0 if unknown.
static inline int oih_terminal_rows(int fd) {
  struct winsize size;
  if (ioctl(fd, TIOCGWINSZ, &size) != 0) {
    return 0;
  }
  return (int)size.ws_row;
}

/// The display width of one wide character (wcwidth is an X/Open extension the Swift Glibc
/// module does not export).
int wcwidth(wchar_t character);
static inline int oih_wcwidth(wchar_t character) {
  return wcwidth(character);
}

#endif
