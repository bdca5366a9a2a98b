@echo off
rem digits: runs the packaged program (target\digits.jar and target\lib\), from any folder.
rem Builds it first (mvn -q package -DskipTests) when it or Spark's jars (target\spark-lib) are missing. Java options go in DIGITS_JAVA_OPTS.
setlocal
set "HOME_DIR=%~dp0.."
set "JAR=%HOME_DIR%\target\digits.jar"
set "BUILD="
if not exist "%JAR%" set "BUILD=1"
if not exist "%HOME_DIR%\target\spark-lib" set "BUILD=1"
if defined BUILD (
  echo digits: building the program ^(mvn -q package -DskipTests^) ... 1>&2
  pushd "%HOME_DIR%"
  call mvn -B -q %DIGITS_MAVEN_OPTS% package -DskipTests 1>&2 || (popd & exit /b 1)
  popd
)
java %DIGITS_JAVA_OPTS% -jar "%JAR%" %*
exit /b %ERRORLEVEL%
