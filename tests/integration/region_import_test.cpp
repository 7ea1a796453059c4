// Region CSV import: all or nothing, every bad row named.
#include <gtest/gtest.h>

#include "admin/bootstrap.hpp"
#include "admin/region_admin.hpp"
#include "auth/principal.hpp"
#include "core/error.hpp"
#include "test_db.hpp"

namespace ql::test {
namespace {

TEST(RegionImport, ImportsInAnyOrderAndUpdatesNames) {
  auto db = make_test_database();
  auto c = db->connect();
  admin::bootstrap_database(*c);
  auto actor = auth::system_principal();
  auto s = admin::import_regions_csv(*c, actor,
                                     "code,name,level,parent_code\n"
                                     "110101001001,某社区,社区,110101001000\n"
                                     "110101001000,某街道,街道,110101000000\n"
                                     "110101000000,东城区,区,\n"
                                     "110101001001001,第一网格,网格,110101001001\n");
  EXPECT_EQ(s.inserted, 4);
  auto again = admin::import_regions_csv(*c, actor,
                                         "\xEF\xBB\xBF" "name,code,level,parent_code\n"
                                         "某某社区,110101001001,community,110101001000\n");
  EXPECT_EQ(again.inserted, 0);
  EXPECT_EQ(again.updated, 1);
  EXPECT_EQ(*c->scalar("SELECT name FROM region WHERE code = '110101001001'"), "某某社区");
  EXPECT_EQ(*c->scalar("SELECT path FROM region WHERE code = '110101001001001'"),
            "/110101000000/110101001000/110101001001/110101001001001/");
}

TEST(RegionImport, OneBadRowRejectsTheFileAndNamesEveryRow) {
  auto db = make_test_database();
  auto c = db->connect();
  admin::bootstrap_database(*c);
  try {
    admin::import_regions_csv(*c, auth::system_principal(),
                              "code,name,level,parent_code\n"
                              "110101000000,东城区,区,\n"
                              "11010100100,短代码,街道,110101000000\n"
                              "110101002000,,街道,110101000000\n"
                              "110101003000,某街道,星球,110101000000\n"
                              "110101004000,孤儿街道,街道,990000000000\n");
    FAIL() << "expected the import to be rejected";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), "import_rejected");
    ASSERT_EQ(e.problems().size(), 4u);
    EXPECT_EQ(e.problems()[0].row, 3);
    EXPECT_EQ(e.problems()[0].column, "code");
    EXPECT_EQ(e.problems()[1].row, 4);
    EXPECT_EQ(e.problems()[1].column, "name");
    EXPECT_EQ(e.problems()[2].row, 5);
    EXPECT_EQ(e.problems()[2].column, "level");
    EXPECT_EQ(e.problems()[3].row, 6);
    EXPECT_EQ(e.problems()[3].column, "parent_code");
  }
  EXPECT_EQ(*c->scalar("SELECT COUNT(*) FROM region"), "0");
}

TEST(RegionImport, MissingColumnIsNamed) {
  auto db = make_test_database();
  auto c = db->connect();
  admin::bootstrap_database(*c);
  try {
    admin::import_regions_csv(*c, auth::system_principal(), "code,name,level\n110101000000,东城区,区\n");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.field(), "parent_code");
  }
}

}  // namespace
}  // namespace ql::test
