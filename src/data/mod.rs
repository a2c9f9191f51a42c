//! The data: the `shuibei/1` format and everything that turns bytes into a checked dataset.

pub mod check;
pub mod db;
pub mod load;
pub mod model;
pub mod present;
pub mod problems;
