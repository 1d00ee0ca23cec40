//! The roles screen's former home: it now lives in [`crate::ui::screens::roles`]. Kept so that
//! the command line's `use crate::ui::cast_screen::CastScreen` still reads; to be dropped once
//! the command line imports `crate::ui::screens::roles::RolesScreen`.

pub use crate::ui::screens::roles::RolesScreen as CastScreen;
