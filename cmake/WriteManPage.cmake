# The manual page alignkit(1), from the command's own words: help2man reads `alignkit --help` and
# `--version`, and each command's `--help` becomes a section, so the manual never says other than
# the command does.  cmake -DALIGNKIT=… -DWORK=… -DOUTPUT=alignkit.1.gz -P WriteManPage.cmake
set(_include "${WORK}/alignkit.h2m")
file(WRITE "${_include}" "[NAME]\nalignkit \\- HR, Sales and Marketing planning: functions, the template service, workbook checks\n")
file(APPEND "${_include}" "[DESCRIPTION]\nThe alignkit command computes the planning functions of the Calc extension (funnel budgets, ramp and capacity, turnover cost, goal allocation, hiring plans), serves the team's shared planning templates over HTTP(S) with owners, versions, proposals and an owners' web page, and checks workbooks for numbers that drifted from the template they follow.\n")
foreach(_command IN ITEMS eval functions serve templates users store check)
  execute_process(COMMAND "${ALIGNKIT}" ${_command} --help OUTPUT_VARIABLE _text RESULT_VARIABLE _result)
  if(NOT _result EQUAL 0)
    message(FATAL_ERROR "alignkit ${_command} --help exited ${_result}")
  endif()
  string(REPLACE "\\" "\\\\" _text "${_text}")
  file(APPEND "${_include}" "[ALIGNKIT ${_command}]\n.nf\n${_text}.fi\n")
endforeach()
file(APPEND "${_include}" "[FILES]\n/etc/alignkit/alignkit.conf, /etc/alignkit/users.json, /var/lib/alignkit (the store), /var/backups/alignkit (backups), /usr/share/doc/alignkit/README.md\n")
execute_process(COMMAND help2man --no-info --section 1 --name "HR, Sales and Marketing planning" --include "${_include}"
                        --output "${WORK}/alignkit.1" "${ALIGNKIT}"
                COMMAND_ERROR_IS_FATAL ANY)
execute_process(COMMAND gzip -n -9 -f "${WORK}/alignkit.1" COMMAND_ERROR_IS_FATAL ANY)
file(RENAME "${WORK}/alignkit.1.gz" "${OUTPUT}")
