#!/bin/sh
# STUB
exit 0
