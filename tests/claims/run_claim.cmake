# One claim test: a fresh results store (a store left by an earlier run would be resumed, and
# its runs not redone), then `tessera reproduce ID --quick`; fails when reproduce does.
# Called by tessera_add_claim_test with -DTESSERA= -DID= -DSTORE= -DJOBS=.
file(REMOVE ${STORE})
execute_process(COMMAND ${TESSERA} reproduce ${ID} --quick --quiet --jobs ${JOBS} --out ${STORE}
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "tessera reproduce ${ID} --quick: ${rc} (a claim did not come out as expected)")
endif()
