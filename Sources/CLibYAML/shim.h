// shim.h — libyaml, the C YAML 1.1 parser (Debian's libyaml-dev), for the knowledge loader.

#ifndef OIH_CLIBYAML_SHIM_H
#define OIH_CLIBYAML_SHIM_H

#include <yaml.h>

#endif
