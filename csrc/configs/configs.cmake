# SPDX-License-Identifier: GPL-2.0-only
# The named configs (csrc/configs/<name>/generated/autoconf.h), for the
# top-level CMakeLists.txt and bench/c. include() it, then
#   skbext_config_include(VAR [NAME])   VAR: the include directory of
#                                       config NAME (default ${SKBEXT_CONFIG})
# SKBEXT_CONFIG is the one switch: -DSKBEXT_CONFIG=full.
set(SKBEXT_CONFIG "debian" CACHE STRING "skb extension config: debian (Debian 6.1's ids) or full")
set(SKBEXT_CONFIGS_DIR ${CMAKE_CURRENT_LIST_DIR})

function(skbext_config_include var)
  if(ARGC GREATER 1)
    set(name ${ARGV1})
  else()
    set(name ${SKBEXT_CONFIG})
  endif()
  set(dir ${SKBEXT_CONFIGS_DIR}/${name})
  if(NOT EXISTS ${dir}/generated/autoconf.h)
    file(GLOB have RELATIVE ${SKBEXT_CONFIGS_DIR} ${SKBEXT_CONFIGS_DIR}/*/generated/autoconf.h)
    list(TRANSFORM have REPLACE "/generated/autoconf.h$" "")
    message(FATAL_ERROR "SKBEXT_CONFIG=${name}: no such config (have: ${have})")
  endif()
  set(${var} ${dir} PARENT_SCOPE)
endfunction()
